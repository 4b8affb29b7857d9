package dev.ringside.shell.trace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON text built in a reusable byte buffer, written as Jackson's generator writes it by default (only
 * '"', '\\' and control characters escaped, the rest as UTF-8; doubles as {@link Double#toString}), so a
 * trace event costs its bytes and no tree.
 */
final class JsonBytes {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
            1_000_000_000};
    /** "00" to "99", each number's two digits at twice its index. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private byte[] bytes = new byte[512];
    private int length;

    int length() {
        return length;
    }

    JsonBytes clear() {
        length = 0;
        return this;
    }

    byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }

    /** {@code count} bytes of the text from {@code from}, copied to {@code to} at {@code at}. */
    void copyTo(int from, byte[] to, int at, int count) {
        System.arraycopy(bytes, from, to, at, count);
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** Text known to need no escaping (names, punctuation), as its bytes. */
    JsonBytes raw(byte[] text) {
        room(text.length);
        System.arraycopy(text, 0, bytes, length, text.length);
        length += text.length;
        return this;
    }

    /** ASCII text known to need no escaping. */
    JsonBytes raw(String ascii) {
        room(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    JsonBytes raw(char c) {
        room(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** A quoted string. */
    JsonBytes string(String text) {
        return raw('"').inString(text).raw('"');
    }

    /** Text inside a string already opened, escaped. */
    JsonBytes inString(String text) {
        room(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return nonAscii(text, i);
            }
            if (c < 0x20 || c == '"' || c == '\\') {
                escape(c);
            } else {
                room(1);
                bytes[length++] = (byte) c;
            }
        }
        return this;
    }

    /** The rest of a string from its first non-ASCII char, which UTF-8 encoding takes whole. */
    private JsonBytes nonAscii(String text, int from) {
        StringBuilder ascii = new StringBuilder();
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                utf8(ascii);
                escape(c);
            } else {
                ascii.append(c);
            }
        }
        utf8(ascii);
        return this;
    }

    private void utf8(StringBuilder text) {
        raw(text.toString().getBytes(StandardCharsets.UTF_8));
        text.setLength(0);
    }

    private void escape(char c) {
        room(6);
        bytes[length++] = '\\';
        switch (c) {
            case '"' -> bytes[length++] = '"';
            case '\\' -> bytes[length++] = '\\';
            case '\b' -> bytes[length++] = 'b';
            case '\t' -> bytes[length++] = 't';
            case '\n' -> bytes[length++] = 'n';
            case '\f' -> bytes[length++] = 'f';
            case '\r' -> bytes[length++] = 'r';
            default -> {
                bytes[length++] = 'u';
                bytes[length++] = '0';
                bytes[length++] = '0';
                bytes[length++] = HEX[c >> 4];
                bytes[length++] = HEX[c & 0xf];
            }
        }
    }

    JsonBytes number(long value) {
        if (value >= 0 && value <= Integer.MAX_VALUE) {
            return digits((int) value);
        }
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                return raw(Long.toString(value));
            }
            raw('-');
            value = -value;
        }
        room(20);
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        int at = length + digits;
        do {
            bytes[--at] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        length += digits;
        return this;
    }

    /** A non-negative int's digits, in int arithmetic (most numbers of a trace are). */
    private JsonBytes digits(int value) {
        room(10);
        // without a branch per digit count: a trace's times grow a digit mid-file, and the JIT's code for the
        // counts seen so far would be thrown away (and compiled again) each time one is first seen
        int guess = (32 - Integer.numberOfLeadingZeros(value | 1)) * 1233 >>> 12; // floor(log10) or one more
        int digits = guess + 1 + (((value | 1) - POWERS_OF_TEN[guess]) >> 31);
        int at = length + digits;
        while (value >= 100) { // two digits a division
            int pair = value % 100;
            value /= 100;
            bytes[--at] = DIGIT_PAIRS[2 * pair + 1];
            bytes[--at] = DIGIT_PAIRS[2 * pair];
        }
        if (value >= 10) {
            bytes[--at] = DIGIT_PAIRS[2 * value + 1];
            bytes[--at] = DIGIT_PAIRS[2 * value];
        } else {
            bytes[--at] = (byte) ('0' + value);
        }
        length += digits;
        return this;
    }

    /** An unsigned 64-bit value's decimal digits. */
    JsonBytes unsigned(long value) {
        return value >= 0 ? number(value) : raw(Long.toUnsignedString(value));
    }

    /**
     * {@code nanos / 1000.0} as {@link Double#toString} writes it: for 0 and 1 ns up to 10^10 ns that is the exact
     * decimal of the microseconds, trailing zeros dropped but one (doubles are far denser than 0.001 there,
     * so no shorter decimal names the same double); other values take {@link Double#toString} itself.
     */
    JsonBytes micros(long nanos) {
        if (nanos < 0 || nanos >= 10_000_000_000L) {
            return raw(Double.toString(nanos / 1000.0));
        }
        number(nanos / 1000).raw('.');
        int fraction = (int) (nanos % 1000);
        if (fraction == 0) {
            return raw('0');
        }
        int digits = 3;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        room(3);
        for (int i = digits - 1; i >= 0; i--) {
            bytes[length + i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        length += digits;
        return this;
    }
}
