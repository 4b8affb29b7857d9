package dev.ringside.shell.command.expect;

import dev.ringside.decoders.values.ValueException;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.tracer.journal.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One expectation field's check, {@code FIELD[&MASK] OP VALUE[,VALUE...]}: {@code res>=0},
 * {@code flags&MORE=0}, {@code res=-EINVAL,-EOPNOTSUPP} (one of). Values and the mask are read by the
 * field's own value type, so errno and flag names work where the field takes them.
 *
 * @param field  the field's name
 * @param mask   the bits compared (empty: all of them)
 * @param op     the operator
 * @param values what the field is compared with; several only with {@code =}
 * @param signed whether the field is a signed number (res), so {@code <} compares signed; else unsigned
 * @param typed  the text after the field name as typed ({@code &MORE=0}), for describe()
 */
public record Comparison(String field, OptionalLong mask, Op op, List<Long> values, boolean signed, String typed) {
    /** The operators, longest spelling first so {@code <=} is not read as {@code <}. */
    public enum Op {
        NE("!="), LE("<="), GE(">="), EQ("="), LT("<"), GT(">");

        private final String text;

        Op(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Every operator's spelling, for errors. */
    public static final String OPERATORS = "= != < <= > >=";

    public Comparison {
        values = List.copyOf(values);
    }

    /** {@code FIELD=VALUE} with one value and no mask: what the legacy forms check exactly. */
    public static Comparison equal(String field, long value, boolean signed) {
        return new Comparison(field, OptionalLong.empty(), Op.EQ, List.of(value), signed, "=" + (signed ? value : Long.toUnsignedString(value)));
    }

    /** Whether this is a plain {@code FIELD=VALUE}: one value, no mask (legacy meaning where a field has one, e.g. flags with bid). */
    public boolean plain() {
        return op == Op.EQ && mask.isEmpty() && values.size() == 1;
    }

    /** The first character of an operator or mask in a word: where its field name ends (-1: none). */
    public static int nameEnd(String word) {
        for (int i = 0; i < word.length(); i++) {
            if ("=!<>&".indexOf(word.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code rest} is what follows the field name ({@code >=0}, {@code &MORE=0}, {@code =-EINVAL,-EAGAIN}),
     * its values and mask read by {@code type}; a ValueException says what is wrong in one line.
     */
    public static Comparison parse(String field, String rest, ValueType type, boolean signed, Session session) {
        String text = rest;
        OptionalLong mask = OptionalLong.empty();
        if (text.startsWith("&")) {
            int end = nameEnd(text.substring(1));
            if (end < 0) {
                throw new ValueException("'" + field + rest + "' masks but compares with nothing; write e.g. " + field + "&MASK=0");
            }
            String maskText = text.substring(1, 1 + end);
            if (maskText.isEmpty()) {
                throw new ValueException("'" + field + rest + "' has no mask after '&'");
            }
            mask = OptionalLong.of(number(type, maskText, session));
            text = text.substring(1 + end);
        }
        Op op = null;
        for (Op candidate : Op.values()) {
            if (text.startsWith(candidate.text())) {
                op = candidate;
                break;
            }
        }
        if (op == null || text.length() > op.text().length() && "=!<>&".indexOf(text.charAt(op.text().length())) >= 0) {
            String shown = text.isEmpty() ? "nothing" : "'" + text.replaceAll("[^=!<>&].*", "") + "'";
            throw new ValueException(shown + " is no operator; valid: " + OPERATORS
                    + " (and " + field + "&MASK=VALUE)");
        }
        String valueText = text.substring(op.text().length());
        if (valueText.isEmpty()) {
            throw new ValueException(field + op.text() + " needs a value");
        }
        String[] parts = valueText.split(",", -1);
        if (parts.length > 1 && op != Op.EQ) {
            throw new ValueException("alternatives (" + valueText + ") go with = only, not " + op.text());
        }
        List<Long> values = new ArrayList<>();
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new ValueException("'" + valueText + "' has an empty alternative beside a ','");
            }
            values.add(number(type, part, session));
        }
        return new Comparison(field, mask, op, values, signed, rest);
    }

    private static long number(ValueType type, String text, Session session) {
        Object value = type.parse(text, session);
        if (!(value instanceof Long number)) {
            throw new ValueException("'" + text + "' is no number");
        }
        return number;
    }

    /** Whether the actual value holds: masked first, then compared (signed or unsigned as the field is). */
    public boolean test(long actual) {
        long got = mask.isPresent() ? actual & mask.getAsLong() : actual;
        return switch (op) {
            case EQ -> values.stream().anyMatch(v -> v == got);
            case NE -> compare(got, values.getFirst()) != 0;
            case LT -> compare(got, values.getFirst()) < 0;
            case LE -> compare(got, values.getFirst()) <= 0;
            case GT -> compare(got, values.getFirst()) > 0;
            case GE -> compare(got, values.getFirst()) >= 0;
        };
    }

    private int compare(long a, long b) {
        return signed ? Long.compare(a, b) : Long.compareUnsigned(a, b);
    }

    /** {@code res>=0}, {@code flags&MORE=0}: as typed. */
    public String describe() {
        return field + typed;
    }

    /** The journal's record of it, which the C program's check_holds reads the same way. */
    public Event.FieldCheck toEvent() {
        return new Event.FieldCheck(field, mask.orElse(-1L), op.text(), values, signed);
    }
}
