# Sourced by bench/run and bench/ab (with $here the checkout): the C baseline's one build line and the helpers
# both read their runs with.

# Builds bench/c/ringbench.c with Debian's liburing-dev into $1/ringbench, installing the tools when missing.
build_ringbench() {
    "$here/bin/install-bench-tools"
    mkdir -p "$1"
    cc -O2 -Wall -o "$1/ringbench" "$here/bench/c/ringbench.c" $(pkg-config --cflags --libs liburing)
}

# field NAME JSON: the number a one-line JSON result has under NAME.
field() { sed -n "s/.*\"$1\":\([-0-9.e+]*\).*/\1/p" <<<"$2"; }

# The median of the numbers on stdin, one a line.
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# pair_ratio RINGSIDE C_BEFORE C_AFTER: ringside's ops/s over the mean of the C runs either side of it.
pair_ratio() { awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN {printf "%.3f", a / ((b + c) / 2)}'; }
