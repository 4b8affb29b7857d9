package dev.ringside.tracer.journal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * An event's journal line written by hand into a {@link LineBuffer}: {@code {"type":...,"at":...}}, then the record's
 * components in declaration order under their snake_case names, byte for byte what Jackson writes for the record
 * ({@link JournalJson#toLine}; EventLinesTest compares every kind). Each {@link Event} record says what it writes
 * ({@link Event#writeLine}), so writing an event needs neither reflection nor Jackson; the per-operation and
 * per-console-line kinds take {@link HotLines}' and {@link StepLines}' fast paths.
 */
public final class JsonLine {
    /** A nested object that writes its own members (an expectation's {@link Event.FieldCheck}, a register argument's parts). */
    public interface Part {
        /** Writes this part's members, in declaration order, into the object {@code line} has just opened. */
        void writeMembers(JsonLine line);
    }

    /** Where the line goes. */
    LineBuffer out;
    /** Right after a '{': the next member has no comma before it. */
    private boolean first;

    JsonLine(LineBuffer out) {
        this.out = out;
    }

    /** Writes into {@code buffer} from now on (the journal swaps its buffers). */
    JsonLine into(LineBuffer buffer) {
        out = buffer;
        first = false;
        return this;
    }

    /** The event's line as text, without its newline: what {@code --json} prints of a kernel event. */
    public static String of(Event event) {
        LineBuffer buffer = new LineBuffer(256);
        event.writeLine(new JsonLine(buffer));
        return new String(buffer.bytes(), 0, buffer.size() - 1, StandardCharsets.UTF_8);
    }

    /** {@code {"type":"TYPE","at":AT}: every line's start ({@code type} is the record's name in snake case). */
    JsonLine begin(String type, long at) {
        out.text(TYPE).asciiChars(type).text(AT).time(at);
        first = false;
        return this;
    }

    /** The line's end and its newline. */
    void end() {
        out.text(END);
    }

    private LineBuffer key(String name) {
        if (first) {
            first = false;
            out.text(QUOTE);
        } else {
            out.text(COMMA_QUOTE);
        }
        return out.asciiChars(name).text(QUOTE_COLON);
    }

    JsonLine number(String name, long value) {
        key(name).number(value);
        return this;
    }

    JsonLine string(String name, String value) {
        key(name).string(value);
        return this;
    }

    JsonLine bool(String name, boolean value) {
        key(name).text(value ? TRUE : FALSE);
        return this;
    }

    /** Bytes as the journal's byte[] serializer writes them: lower-case hex, quoted. */
    JsonLine hex(String name, byte[] value) {
        key(name).hex(value);
        return this;
    }

    /** An OptionalLong as Jackson's jdk8 module writes it: the number, or null when empty. */
    JsonLine optional(String name, OptionalLong value) {
        LineBuffer to = key(name);
        if (value == null || value.isEmpty()) {
            to.text(NULL);
        } else {
            to.number(value.getAsLong());
        }
        return this;
    }

    /** An enum as Jackson writes it: its name, quoted. */
    JsonLine name(String name, Enum<?> value) {
        key(name).string(value == null ? null : value.name());
        return this;
    }

    /** A list of Long or Integer: {@code [1,2]}. */
    JsonLine numbers(String name, List<? extends Number> values) {
        return array(name, values, (line, to, value) -> to.number(value.longValue()));
    }

    JsonLine strings(String name, List<String> values) {
        return array(name, values, (line, to, value) -> to.string(value));
    }

    /** A map of names to numbers or strings, in its order: {@code {"head":3,"tail":3}}. */
    JsonLine map(String name, Map<String, ?> values) {
        LineBuffer to = key(name);
        if (values == null) {
            to.text(NULL);
            return this;
        }
        to.text(OPEN_OBJECT);
        boolean firstEntry = true;
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            if (entry.getKey() == null) {
                throw new IllegalStateException("a journal event did not serialize: a map with a null key");
            }
            if (!firstEntry) {
                to.text(COMMA);
            }
            firstEntry = false;
            to.string(entry.getKey()).text(COLON);
            Object value = entry.getValue(); // if/else, not a pattern switch: no bootstrap on a run's first header
            if (value == null) {
                to.text(NULL);
            } else if (value instanceof Long number) {
                to.number(number);
            } else if (value instanceof String text) {
                to.string(text);
            } else {
                throw new IllegalStateException("a journal map of " + value.getClass().getName());
            }
        }
        to.text(CLOSE_OBJECT);
        return this;
    }

    /** A nested object whose members the caller writes next, up to {@link #close}. */
    JsonLine object(String name) {
        key(name).text(OPEN_OBJECT);
        first = true;
        return this;
    }

    /** The end of an {@link #object}. */
    JsonLine close() {
        out.text(CLOSE_OBJECT);
        first = false;
        return this;
    }

    /** A nested part, or null. */
    JsonLine part(String name, Part part) {
        if (part == null) {
            key(name).text(NULL);
            return this;
        }
        object(name);
        part.writeMembers(this);
        return close();
    }

    /** A list of nested parts: {@code [{...},{...}]}. */
    JsonLine parts(String name, List<? extends Part> parts) {
        return array(name, parts, (line, to, part) -> {
            to.text(OPEN_OBJECT);
            line.first = true;
            part.writeMembers(line);
            to.text(CLOSE_OBJECT);
        });
    }

    /** How {@link #array} writes one element that is not null. */
    private interface Element<T> {
        void write(JsonLine line, LineBuffer to, T value);
    }

    /** A list as Jackson writes it: null, or {@code [a,b]} with a null element as null. */
    private <T> JsonLine array(String name, List<? extends T> values, Element<T> element) {
        LineBuffer to = key(name);
        if (values == null) {
            to.text(NULL);
            return this;
        }
        to.text(OPEN_ARRAY);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                to.text(COMMA);
            }
            T value = values.get(i);
            if (value == null) {
                to.text(NULL);
            } else {
                element.write(this, to, value);
            }
        }
        to.text(CLOSE_ARRAY);
        first = false; // a part's members may have left it set (an empty part)
        return this;
    }

    private static final byte[] TYPE = LineBuffer.ascii("{\"type\":\"");
    private static final byte[] AT = LineBuffer.ascii("\",\"at\":");
    private static final byte[] END = LineBuffer.ascii("}\n");
    private static final byte[] QUOTE = LineBuffer.ascii("\"");
    private static final byte[] COMMA_QUOTE = LineBuffer.ascii(",\"");
    private static final byte[] QUOTE_COLON = LineBuffer.ascii("\":");
    private static final byte[] COLON = LineBuffer.ascii(":");
    private static final byte[] COMMA = LineBuffer.ascii(",");
    private static final byte[] OPEN_OBJECT = LineBuffer.ascii("{");
    private static final byte[] CLOSE_OBJECT = LineBuffer.ascii("}");
    private static final byte[] OPEN_ARRAY = LineBuffer.ascii("[");
    private static final byte[] CLOSE_ARRAY = LineBuffer.ascii("]");
    private static final byte[] TRUE = LineBuffer.ascii("true");
    private static final byte[] FALSE = LineBuffer.ascii("false");
    private static final byte[] NULL = LineBuffer.NULL;
}
