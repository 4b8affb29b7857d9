package dev.ringside.decoders.values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the scalar values people type: numbers, errno results, durations; and name suggestions. */
public final class Values {
    private Values() {
    }

    private static final Pattern NUMBER = Pattern.compile("[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|[0-9][0-9_]*)");
    private static final Pattern DURATION = Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|µs|ms|s|m|h)?");
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    public static boolean looksNumeric(String text) {
        return NUMBER.matcher(text.trim()).matches();
    }

    /**
     * Decimal, {@code 0x} hex or {@code 0b} binary, optionally signed; values up to 2^64-1 are accepted
     * and kept as their two's complement bits, since uapi fields are unsigned.
     */
    public static long parseLong(String text) {
        if (plainDecimal(text)) {
            return Long.parseLong(text); // the common case (user_data=1, wait=1), without the pattern
        }
        String t = text.trim().replace("_", "");
        if (!NUMBER.matcher(text.trim()).matches()) {
            throw new ValueException("'" + text + "' is not a number (decimal, 0x hex or 0b binary)");
        }
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.startsWith("0b") || t.startsWith("0B")) {
            radix = 2;
            t = t.substring(2);
        }
        long magnitude;
        try {
            magnitude = Long.parseUnsignedLong(t, radix);
        } catch (NumberFormatException e) {
            throw new ValueException("'" + text + "' does not fit in 64 bits");
        }
        return negative ? -magnitude : magnitude;
    }

    /** 1 to 18 ASCII digits and nothing else: a decimal that fits a long, which the pattern would take as it is. */
    private static boolean plainDecimal(String text) {
        int n = text.length();
        if (n == 0 || n > 18) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A number, or an errno result such as {@code -ETIME}, {@code -62} or {@code ETIME} (taken as negative). */
    public static long parseResult(String text) {
        String t = text.trim();
        if (looksNumeric(t)) {
            return parseLong(t);
        }
        String name = t.startsWith("-") ? t.substring(1) : t;
        return Errno.named(name).map(e -> (long) -e.number()).orElseThrow(() -> new ValueException(
                "'" + text + "' is neither a number nor an errno name such as -ETIME or -EINVAL"));
    }

    /**
     * Nanoseconds from {@code 1ms}, {@code 250us}, {@code 2s}, {@code 1.5ms} or a plain count of ns. A minus
     * sign is accepted because the kernel reads IMMEDIATE_ARG times as signed (and rejects negative ones).
     */
    public static long parseDurationNanos(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            if (looksNumeric(text)) {
                return parseLong(text);
            }
            throw new ValueException("'" + text + "' is not a duration; write e.g. 1ms, 250us, 2s, 100ns or a number of ns");
        }
        String unit = m.group(2) == null ? "ns" : m.group(2);
        long scale = switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalStateException(unit);
        };
        String number = m.group(1);
        // a whole number of units whose nanoseconds fit a long, in long arithmetic: the same value, without
        // BigDecimal, whose class initialization alone took a tenth of a script's start-up
        if (number.indexOf('.') < 0 && number.length() <= 18) {
            long whole = Long.parseLong(number);
            long nanos = whole * scale;
            long high = Math.multiplyHigh(whole, scale);
            if (high == 0 && nanos >= 0 || high == -1 && nanos < 0) {
                return nanos;
            }
        }
        // exact decimal arithmetic: a double drops nanoseconds above 2^53 (about 104 days)
        BigInteger nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(scale))
                .setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
        if (nanos.bitLength() > 63 && (nanos.signum() < 0 || nanos.compareTo(TWO_TO_64) >= 0)) {
            throw new ValueException("'" + text + "' does not fit in 64 bits of nanoseconds");
        }
        // up to 2^64-1 kept as two's complement bits, as parseLong does
        return nanos.longValue();
    }

    /** 1ms, 250us, 2s, 1500ns: the shortest exact spelling of a duration. */
    public static String formatDurationNanos(long nanos) {
        if (nanos != 0 && nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos != 0 && nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        if (nanos != 0 && nanos % 1_000L == 0) {
            return nanos / 1_000L + "us";
        }
        return nanos + "ns";
    }

    /** " (did you mean X?)" for the closest candidate within a small edit distance, or "". */
    public static String suggestion(String typed, Collection<String> candidates) {
        List<String> close = closest(typed, candidates);
        return close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)";
    }

    /** The candidates nearest to {@code typed}, at most two, that are plausibly typos of it. */
    public static List<String> closest(String typed, Collection<String> candidates) {
        String t = typed.toLowerCase(Locale.ROOT);
        int limit = Math.max(1, t.length() / 3);
        return candidates.stream()
                .filter(c -> distance(t, c.toLowerCase(Locale.ROOT)) <= limit
                        || (t.length() >= 3 && (c.toLowerCase(Locale.ROOT).startsWith(t) || c.toLowerCase(Locale.ROOT).endsWith("_" + t))))
                .sorted(Comparator.comparingInt(c -> distance(t, c.toLowerCase(Locale.ROOT))))
                .limit(2)
                .toList();
    }

    /** Edit distance where swapping two neighbours counts as one edit (rign -> ring). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
