package dev.ringside.tracer.journal;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.nio.charset.StandardCharsets;

/**
 * The journal's lines not yet written: one reused byte array that {@link Journal} writes to its store in one
 * write(2) at each flush point. Numbers and constant text go in without allocating; a string goes in as
 * Jackson quotes it, remembered for the few strings (ring names) that come again and again.
 */
final class LineBuffer {
    /** The size at which the lines are written whatever else happens: one write(2) of about this many bytes. */
    static final int FLUSH_BYTES = 1 << 16;
    /** How many distinct strings keep their quoted form (the rings of a session, round-robin beyond). */
    private static final int QUOTED = 8;

    private byte[] bytes = new byte[FLUSH_BYTES + 1024];
    private int size;
    private final String[] strings = new String[QUOTED];
    private final byte[][] quoted = new byte[QUOTED][];
    private int nextQuoted;
    private long lastTime;
    private int lastTimeLength;
    private final byte[] timeDigits = new byte[20];

    int size() {
        return size;
    }

    byte[] bytes() {
        return bytes;
    }

    void clear() {
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    LineBuffer text(byte[] constant) {
        ensure(constant.length);
        System.arraycopy(constant, 0, bytes, size, constant.length);
        size += constant.length;
        return this;
    }

    /** A line made elsewhere (Jackson's), and its newline. */
    void line(String line) {
        text(line.getBytes(StandardCharsets.UTF_8)).text(NEWLINE);
    }

    /**
     * A time ({@code at}): the events of one step share it (the CQEs of one reap), so the digits of the last
     * one are kept and copied when it comes again.
     */
    LineBuffer time(long at) {
        if (at == lastTime && lastTimeLength > 0) {
            ensure(lastTimeLength);
            System.arraycopy(timeDigits, 0, bytes, size, lastTimeLength);
            size += lastTimeLength;
            return this;
        }
        int from = size;
        number(at);
        lastTime = at;
        lastTimeLength = size - from;
        System.arraycopy(bytes, from, timeDigits, 0, lastTimeLength);
        return this;
    }

    /** A decimal number as Jackson writes a long: two digits a step, from the right, int arithmetic once it fits. */
    LineBuffer number(long value) {
        if (value == Long.MIN_VALUE) {
            return text(MIN_LONG);
        }
        ensure(20);
        if (value < 0) {
            bytes[size++] = '-';
            value = -value;
        }
        int end = size + digitCount(value);
        int at = end;
        while (value > Integer.MAX_VALUE) {
            long quotient = value / 100;
            int pair = (int) (value - quotient * 100) * 2;
            value = quotient;
            bytes[--at] = PAIRS[pair + 1];
            bytes[--at] = PAIRS[pair];
        }
        int small = (int) value;
        while (small >= 100) {
            int quotient = small / 100;
            int pair = (small - quotient * 100) * 2;
            small = quotient;
            bytes[--at] = PAIRS[pair + 1];
            bytes[--at] = PAIRS[pair];
        }
        if (small >= 10) {
            bytes[--at] = PAIRS[small * 2 + 1];
            bytes[--at] = PAIRS[small * 2];
        } else {
            bytes[--at] = (byte) ('0' + small);
        }
        size = end;
        return this;
    }

    private static int digitCount(long value) {
        long bound = 10;
        for (int digits = 1; digits < 19; digits++) {
            if (value < bound) {
                return digits;
            }
            bound *= 10;
        }
        return 19;
    }

    /** A JSON string as Jackson quotes and escapes it. */
    LineBuffer string(String value) {
        if (value == null) {
            return text(NULL);
        }
        for (int i = 0; i < QUOTED; i++) {
            if (strings[i] == value) {
                return text(quoted[i]);
            }
        }
        byte[] form = quote(value);
        strings[nextQuoted] = value;
        quoted[nextQuoted] = form;
        nextQuoted = (nextQuoted + 1) % QUOTED;
        return text(form);
    }

    /** Through a String, as {@link JournalJson#toLine} writes (Jackson's byte writer would escape a surrogate pair). */
    static byte[] quote(String value) {
        byte[] plain = plainQuoted(value);
        if (plain != null) {
            return plain;
        }
        try {
            return JournalJson.mapper().writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string did not serialize: " + e.getMessage(), e);
        }
    }

    /** Printable ASCII without a quote or backslash, quoted: Jackson escapes none of it. Null for any other string. */
    private static byte[] plainQuoted(String value) {
        int length = value.length();
        byte[] quoted = new byte[length + 2];
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return null;
            }
            quoted[i + 1] = (byte) c;
        }
        quoted[0] = '"';
        quoted[length + 1] = '"';
        return quoted;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pairs() {
        byte[] pairs = new byte[200];
        for (int i = 0; i < 100; i++) {
            pairs[i * 2] = (byte) ('0' + i / 10);
            pairs[i * 2 + 1] = (byte) ('0' + i % 10);
        }
        return pairs;
    }

    static final byte[] NEWLINE = {'\n'};
    private static final byte[] NULL = ascii("null");
    /** "00" to "99", two bytes each. */
    private static final byte[] PAIRS = pairs();
    private static final byte[] MIN_LONG = ascii(Long.toString(Long.MIN_VALUE));
}
