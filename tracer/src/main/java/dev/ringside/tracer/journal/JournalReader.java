package dev.ringside.tracer.journal;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a journal file back as JSON trees, one per line. A journal cut short by a kill may end in a
 * torn line (no newline, or not JSON): that is reported in {@link Contents#torn}, not thrown.
 */
public final class JournalReader {
    private JournalReader() {
    }

    /** One parsed line and its 1-based number in the file. */
    public record Line(int number, JsonNode json) {
        public String type() {
            return json.path("type").asText("");
        }
    }

    /**
     * @param lines    every line that parsed, in file order
     * @param schema   the schema version of the first line, empty when the file does not start with one
     * @param torn     what is wrong with the last line, when it was cut short
     * @param problems lines before the last that did not parse (a journal written by two processes at once)
     */
    public record Contents(List<Line> lines, Optional<Integer> schema, Optional<String> torn, List<String> problems) {
    }

    /** Every line read into memory; {@link #stream} for files of any size. */
    public static Contents read(Path file) throws IOException {
        List<Line> lines = new ArrayList<>();
        Summary summary = stream(file, lines::add);
        return new Contents(lines, summary.schema(), summary.torn(), summary.problems());
    }

    /**
     * @param schema   the schema version of the first line, empty when the file does not start with one
     * @param torn     what is wrong with the last line, when it was cut short
     * @param problems lines before the last that did not parse (at most {@link #MAX_PROBLEMS}; then one that says so)
     */
    public record Summary(Optional<Integer> schema, Optional<String> torn, List<String> problems) {
    }

    /** Enough problem lines to say what is wrong; the rest are counted in the last one, so memory stays flat. */
    public static final int MAX_PROBLEMS = 100;

    /**
     * Hands every line that parses to {@code each} in file order, reading the file in one pass with only
     * the current line in memory: a journal of any length is read in constant space.
     */
    public static Summary stream(Path file, Consumer<Line> each) throws IOException {
        return stream(file, null, each);
    }

    /** A line's bytes offered before any JSON parse: true when the caller took it, false to have it parsed. */
    @FunctionalInterface
    public interface RawLines {
        boolean take(int number, byte[] bytes, int from, int to);
    }

    /**
     * As {@link #stream(Path, Consumer)}, but each line is first offered to {@code raw} (when not null) as bytes:
     * a reader that knows the shape of the hot lines skips the tree for them.
     */
    public static Summary stream(Path file, RawLines raw, Consumer<Line> each) throws IOException {
        List<String> problems = new ArrayList<>();
        long unlisted = 0;
        Optional<String> torn = Optional.empty();
        Optional<Integer> schema = Optional.empty();
        boolean first = true;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(256);
            int number = 0;
            boolean pending = false; // bytes of a line not yet ended
            int n;
            while (true) {
                n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                int from = 0;
                for (int i = newline(buffer, 0, n); i < n; i = newline(buffer, i + 1, n)) {
                    number++;
                    // !pending: no bytes of this line in the last chunk (line.size() is synchronized, and this loop
                    // runs interpreted until the JIT compiles it, a million lines later)
                    if (raw != null && !pending && i > from && raw.take(number, buffer, from, i)) {
                        from = i + 1;
                        first = false;
                        continue;
                    }
                    boolean spanned = pending; // not offered yet: its start was in the last chunk
                    byte[] bytes;
                    if (spanned) {
                        line.write(buffer, from, i - from);
                        bytes = line.toByteArray();
                        line.reset();
                    } else {
                        bytes = java.util.Arrays.copyOfRange(buffer, from, i);
                    }
                    from = i + 1;
                    pending = false;
                    if (bytes.length == 0) {
                        continue;
                    }
                    if (raw != null && spanned && raw.take(number, bytes, 0, bytes.length)) {
                        first = false;
                        continue;
                    }
                    JsonNode json = parse(bytes);
                    if (json == null) {
                        if (problems.size() < MAX_PROBLEMS) {
                            problems.add("line " + number + " is not JSON (" + bytes.length + " bytes)");
                        } else {
                            unlisted++;
                        }
                        first = false;
                        continue;
                    }
                    Line parsed = new Line(number, json);
                    if (first) {
                        schema = parsed.type().equals(JournalJson.HEADER_TYPE) ? Optional.of(json.path("schema").asInt())
                                : Optional.empty();
                        first = false;
                    }
                    each.accept(parsed);
                }
                if (from < n) {
                    line.write(buffer, from, n - from);
                    pending = true;
                }
            }
            if (pending && line.size() > 0) {
                // the last write was not whole: the text after the last newline
                number++;
                byte[] bytes = line.toByteArray();
                JsonNode json = parse(bytes);
                if (json == null) {
                    torn = Optional.of("line " + number + " is not JSON (" + bytes.length + " bytes)"
                            + ": the journal was cut short while writing it");
                } else {
                    torn = Optional.of("line " + number + " has no newline: the journal was cut short while writing it");
                    Line parsed = new Line(number, json);
                    if (first) {
                        schema = parsed.type().equals(JournalJson.HEADER_TYPE) ? Optional.of(json.path("schema").asInt())
                                : Optional.empty();
                    }
                    each.accept(parsed);
                }
            }
        }
        if (unlisted > 0) {
            problems.add(unlisted + " more lines are not JSON");
        }
        return new Summary(schema, torn, problems);
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** The index of the first '\n' in {@code bytes[from, to)}, or {@code to}: eight bytes a step, a journal's lines being ~90 bytes. */
    static int newline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long word = (long) LONGS.get(bytes, i) ^ NEWLINES; // a zero byte where there was a newline
            long found = (word - ONES) & ~word & HIGHS; // the lowest set high bit marks the first zero byte exactly
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return to;
    }

    private static final com.fasterxml.jackson.core.JsonFactory FACTORY = JournalJson.mapper().getFactory();
    private static final com.fasterxml.jackson.databind.node.JsonNodeFactory NODES = JournalJson.mapper().getNodeFactory();

    /**
     * The line's tree, as {@code ObjectMapper.readTree} makes it (ints that fit as int nodes, the rest as long,
     * a later duplicate key winning, text after the first value ignored), built straight from the token stream:
     * no deserialization context per line. Null when the line is not JSON.
     */
    private static JsonNode parse(byte[] bytes) {
        try (com.fasterxml.jackson.core.JsonParser parser = FACTORY.createParser(bytes)) {
            com.fasterxml.jackson.core.JsonToken first = parser.nextToken();
            return first == null ? null : value(parser, first);
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode value(com.fasterxml.jackson.core.JsonParser parser, com.fasterxml.jackson.core.JsonToken token)
            throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                com.fasterxml.jackson.databind.node.ObjectNode object = NODES.objectNode();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    object.set(name, value(parser, parser.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                com.fasterxml.jackson.databind.node.ArrayNode array = NODES.arrayNode();
                for (com.fasterxml.jackson.core.JsonToken t = parser.nextToken();
                     t != com.fasterxml.jackson.core.JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected " + token);
        };
    }
}
