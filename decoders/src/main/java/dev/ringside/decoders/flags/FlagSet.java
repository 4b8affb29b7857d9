package dev.ringside.decoders.flags;

import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A named set of flag bits (OR-able) or of enumerated values (one of), such as the setup flags or
 * the register opcodes. Parses {@code ABS|IMMEDIATE_ARG} with or without the prefix, any case,
 * and prints values back with unknown bits kept as a hex remainder ({@code ABS|0x100}).
 *
 * @param name   what the set is called in help and errors ("timeout flags")
 * @param prefix the C prefix of every member ("IORING_TIMEOUT_")
 * @param kind   bits or enumerated values
 * @param flags  the members, in declaration order
 */
public record FlagSet(String name, String prefix, Kind kind, List<Flag> flags) {
    public enum Kind {
        /** members are single bits, combined with | */
        BITS,
        /** members are distinct values, exactly one applies */
        VALUES
    }

    public FlagSet {
        flags = List.copyOf(flags);
    }

    /** A set of OR-able bits, declared row by row: {@code FlagSet.bits("setup flag", "IORING_SETUP_").bit(0, "IOPOLL", "5.1")...build()}. */
    public static Builder bits(String name, String prefix) {
        return new Builder(name, prefix, Kind.BITS);
    }

    /** A set of enumerated values, declared row by row with {@link Builder#value}. */
    public static Builder values(String name, String prefix) {
        return new Builder(name, prefix, Kind.VALUES);
    }

    /** The one way flag tables are written: each row is one member with its value and release. */
    public static final class Builder {
        private final String name;
        private final String prefix;
        private final Kind kind;
        private final List<Flag> flags = new ArrayList<>();

        private Builder(String name, String prefix, Kind kind) {
            this.name = name;
            this.prefix = prefix;
            this.kind = kind;
        }

        /** Member {@code 1 << bit}, introduced in {@code since}. */
        public Builder bit(int bit, String member, String since) {
            return value(1L << bit, member, since);
        }

        /** Member {@code 1 << bit} whose release is not recorded. */
        public Builder bit(int bit, String member) {
            return value(1L << bit, member, "");
        }

        public Builder value(long value, String member, String since) {
            flags.add(new Flag(member, value, prefix + member, since));
            return this;
        }

        public Builder value(long value, String member) {
            return value(value, member, "");
        }

        /** The C name of the member just added, for the few outside the set's prefix. */
        public Builder spelled(String cName) {
            Flag last = flags.removeLast();
            flags.add(new Flag(last.name(), last.value(), cName, last.since()));
            return this;
        }

        public FlagSet build() {
            return new FlagSet(name, prefix, kind, flags);
        }
    }

    /** This set with one member added or, if one of that name exists, replaced (for profiles). */
    public FlagSet with(Flag flag) {
        List<Flag> next = new ArrayList<>(flags.stream().filter(f -> !f.name().equals(flag.name())).toList());
        next.add(flag);
        return new FlagSet(name, prefix, kind, next);
    }

    public List<String> names() {
        return flags.stream().map(Flag::name).toList();
    }

    /** The row of this exact short name; a missing one is a programming error (see {@link FlagRef}). */
    public Flag row(String memberName) {
        for (Flag flag : flags) {
            if (flag.name().equals(memberName)) {
                return flag;
            }
        }
        throw new IllegalStateException(name + " has no member " + memberName);
    }

    public Optional<Flag> member(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        String bare = upper.startsWith(prefix) ? upper.substring(prefix.length()) : upper;
        return flags.stream().filter(f -> f.name().equals(bare) || f.cName().equals(upper)).findFirst();
    }

    /** The value of {@code A|B|0x100}, {@code 12} or {@code IORING_TIMEOUT_ABS}; "0" and "" are zero. */
    public long parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return 0;
        }
        long value = 0;
        for (String part : trimmed.split("\\|", -1)) { // -1 keeps a trailing empty name, refused below
            String token = part.trim();
            if (token.isEmpty()) {
                throw new ValueException("empty " + name + " name in '" + text + "'");
            }
            Optional<Flag> named = member(token);
            if (named.isPresent()) {
                value |= named.get().value();
            } else if (Values.looksNumeric(token)) {
                value |= Values.parseLong(token);
            } else {
                throw new ValueException("unknown " + name + " '" + token + "'" + Values.suggestion(token, names())
                        + "; valid: " + String.join(", ", names()));
            }
        }
        return value;
    }

    /** {@code ABS|IMMEDIATE_ARG}; unknown bits as {@code |0x100}; zero as {@code 0}. */
    public String format(long value) {
        return render(value, false, "|");
    }

    /** The C spelling: {@code IORING_TIMEOUT_ABS | IORING_TIMEOUT_IMMEDIATE_ARG}. */
    public String formatC(long value) {
        return render(value, true, " | ");
    }

    private String render(long value, boolean cNames, String separator) {
        if (kind == Kind.VALUES) {
            return flags.stream().filter(f -> f.value() == value).findFirst()
                    .map(f -> cNames ? f.cName() : f.name()).orElse(Long.toString(value));
        }
        if (value == 0) {
            return "0";
        }
        List<String> parts = new ArrayList<>();
        long rest = value;
        for (Flag flag : flags) {
            if (flag.value() != 0 && (value & flag.value()) == flag.value() && (rest & flag.value()) != 0) {
                parts.add(cNames ? flag.cName() : flag.name());
                rest &= ~flag.value();
            }
        }
        if (rest != 0) {
            parts.add("0x" + Long.toHexString(rest));
        }
        return String.join(separator, parts);
    }
}
