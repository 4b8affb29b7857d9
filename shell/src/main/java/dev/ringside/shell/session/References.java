package dev.ringside.shell.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a dotted reference {@code $NAME.MEMBER} in a script line stands for, asked of each source of
 * values in turn: a captured completion ({@code $cqe.res}, {@code $7.res}), a typed struct's field
 * ({@code $st.stx_size}), a spawned child ({@code $c.pid}), the last plain syscall ({@code $sys.res}).
 * A reference no source knows is left as typed: {@code $pipe.r} is an fd, resolved where a field takes it.
 */
public final class References {
    /** One source of values: the text {@code $name.member} expands to, or empty when it is not this source's. */
    @FunctionalInterface
    public interface Source {
        Optional<String> resolve(String name, String member);
    }

    private final List<Source> sources = new ArrayList<>();

    public void add(Source source) {
        sources.add(source);
    }

    public Optional<String> resolve(String name, String member) {
        for (Source source : sources) {
            Optional<String> value = source.resolve(name, member);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }
}
