package dev.ringside.shell.syntax;

import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.session.Resources;
import dev.ringside.shell.session.Session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the value of an option or positional word is: how it parses, how help writes it, and where
 * Tab finds its candidates. Parsing returns a Long for numbers, flag sets and durations, the word
 * itself for names.
 */
public sealed interface ValueType {
    /** How usage writes the value: N, DURATION, the flag set's prefix, a|b|c. */
    String placeholder();

    /** The value of {@code text}, or a ValueException saying why not (without the option's name). */
    Object parse(String text, Session session);

    /** The words Tab offers for a value that starts with {@code typed}. */
    default List<String> candidates(Session session, String typed) {
        return List.of();
    }

    /** A number between min and max (signed), decimal, 0x or 0b. */
    record Number(long min, long max) implements ValueType {
        /** Any 64-bit pattern: user_data and other uapi words. */
        public static final Number ANY = new Number(Long.MIN_VALUE, Long.MAX_VALUE);
        /** A count or size: 0 up to 2^31-1. */
        public static final Number COUNT = new Number(0, Integer.MAX_VALUE);

        public String placeholder() {
            return "N";
        }

        public Object parse(String text, Session session) {
            long value = Values.parseLong(text);
            if (value < min || value > max) {
                throw new ValueException(text + " is out of range " + min + ".." + max);
            }
            return value;
        }
    }

    /** A|B|0x100 from a named flag set of the session's catalogue, so a loaded profile's flags parse and complete. */
    record Flags(String setName) implements ValueType {
        public String placeholder() {
            return "FLAGS";
        }

        public Object parse(String text, Session session) {
            return parseFlags(set(session), text);
        }

        public FlagSet set(Session session) {
            return session.catalog().flagSet(setName);
        }

        public List<String> candidates(Session session, String typed) {
            return flagCandidates(set(session), typed);
        }
    }

    /** A|B of a set known directly, such as an SQE field's from the opcode catalogue. */
    record FlagsOf(FlagSet set) implements ValueType {
        public String placeholder() {
            return set.prefix() + "*";
        }

        public Object parse(String text, Session session) {
            return parseFlags(set, text);
        }

        public List<String> candidates(Session session, String typed) {
            return flagCandidates(set, typed);
        }
    }

    /** A CQE result: a number or an errno such as -ETIME. */
    record Result() implements ValueType {
        public String placeholder() {
            return "RES|-ERRNO";
        }

        public Object parse(String text, Session session) {
            return Values.parseResult(text);
        }
    }

    /** 1ms, 250us, 2s; never negative. */
    /** A duration of 0 or more, at most {@code maxNanos}; {@code why} names that limit in its error. */
    record Duration(long maxNanos, String why) implements ValueType {
        public Duration() {
            this(Long.MAX_VALUE, "");
        }

        /** A wait the user names: bounded, so a typo cannot block for 292 years. */
        public static final Duration WAIT = new Duration(3_600_000_000_000L, "an hour, the longest a wait may last");

        public String placeholder() {
            return "DURATION";
        }

        public Object parse(String text, Session session) {
            long nanos;
            try {
                nanos = Values.parseDurationNanos(text);
            } catch (ValueException e) {
                if (maxNanos == Long.MAX_VALUE || !text.matches("-?[0-9]+")) {
                    throw e;
                }
                nanos = text.startsWith("-") ? -1 : Long.MAX_VALUE; // a number too big for a long is too long a wait
            }
            if (nanos < 0 && !text.strip().startsWith("-")) {
                nanos = Long.MAX_VALUE; // 2^64-1 parses as an unsigned number: no wait is that long
            }
            if (nanos < 0) {
                throw new ValueException("'" + text + "' is negative; a duration is 0 or more, e.g. 1ms");
            }
            if (nanos > maxNanos || nanos == Long.MAX_VALUE && maxNanos != Long.MAX_VALUE) {
                throw new ValueException(text + " is more than " + why);
            }
            return nanos;
        }
    }

    /** One word of a fixed list. */
    record Words(List<String> words) implements ValueType {
        public Words(String... words) {
            this(List.of(words));
        }

        public String placeholder() {
            return String.join("|", words);
        }

        public Object parse(String text, Session session) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (!words.contains(lower)) {
                throw new ValueException("'" + text + "' is not one of " + String.join(", ", words) + Values.suggestion(lower, words));
            }
            return lower;
        }

        public List<String> candidates(Session session, String typed) {
            return words;
        }
    }

    /** A word Tab finds in a source the command names (profiles, structs, draft numbers); any word parses. */
    record Choices(String placeholder, Function<Session, List<String>> source) implements ValueType {
        public Object parse(String text, Session session) {
            return text;
        }

        public List<String> candidates(Session session, String typed) {
            return source.apply(session);
        }
    }

    /** Where the names of a kind of thing come from: the session's rings, buffers, fds, opcodes, or a path. */
    enum Name implements ValueType {
        RING("RING"), BUFFER("BUF"), FD("FD"), OPCODE("OPCODE"), PATH("PATH"), NEW_NAME("NAME"), TEXT("TEXT");

        private final String placeholder;

        Name(String placeholder) {
            this.placeholder = placeholder;
        }

        public String placeholder() {
            return placeholder;
        }

        public Object parse(String text, Session session) {
            return text;
        }

        public List<String> candidates(Session session, String typed) {
            return switch (this) {
                case RING -> List.copyOf(session.rings().keySet());
                case BUFFER -> session.resources().buffers().names();
                case FD -> Stream.concat(session.resources().fds().stream().map(Resources.ConsoleFd::name),
                        session.resources().fds().stream().map(Resources.ConsoleFd::group).distinct()).toList();
                case OPCODE -> session.catalog().opcodes().stream().map(op -> op.name().toLowerCase(Locale.ROOT)).toList();
                case PATH -> paths(typed);
                case NEW_NAME, TEXT -> List.of();
            };
        }
    }

    /** {@code flags=|} and {@code flags=IO_LINK|} name no flag after the bar: refused, not read as 0. */
    static long parseFlags(FlagSet set, String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("|") || trimmed.endsWith("|") || trimmed.contains("||")) {
            throw new ValueException("'" + text + "' has an empty flag name beside a '|'; write e.g. "
                    + String.join("|", set.names().stream().limit(2).toList()));
        }
        return set.parse(text);
    }

    /** Inside {@code A|B|}: the set's names not yet in the value, each with the value typed so far in front. */
    static List<String> flagCandidates(FlagSet set, String typed) {
        int bar = typed.lastIndexOf('|');
        String head = typed.substring(0, bar + 1);
        List<String> given = List.of(head.split("\\|"));
        List<String> out = new ArrayList<>();
        for (String flag : set.names()) {
            boolean already = given.stream().anyMatch(g -> g.trim().equalsIgnoreCase(flag)
                    || set.member(g).map(f -> f.name().equals(flag)).orElse(false));
            if (!already) {
                out.add(head + flag);
            }
        }
        return out;
    }

    /** The entries of the directory {@code typed} points into, directories with a trailing slash. */
    private static List<String> paths(String typed) {
        int slash = typed.lastIndexOf('/');
        String dirPart = typed.substring(0, slash + 1);
        Path dir = Path.of(dirPart.isEmpty() ? "." : dirPart);
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.limit(500).map(p -> dirPart + p.getFileName() + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
