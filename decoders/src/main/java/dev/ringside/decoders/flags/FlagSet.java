package dev.ringside.decoders.flags;

import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;

import java.util.ArrayList;
import java.util.Arrays;
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

    public static FlagSet bits(String name, String prefix, FlagBit... members) {
        return new FlagSet(name, prefix, Kind.BITS, Arrays.stream(members).map(m -> Flag.of(m, prefix)).toList());
    }

    public static FlagSet values(String name, String prefix, FlagBit... members) {
        return new FlagSet(name, prefix, Kind.VALUES, Arrays.stream(members).map(m -> Flag.of(m, prefix)).toList());
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
