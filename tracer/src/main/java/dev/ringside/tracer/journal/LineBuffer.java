package dev.ringside.tracer.journal;

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

    private byte[] bytes;
    private int size;
    private final String[] strings = new String[QUOTED];
    private final byte[][] quoted = new byte[QUOTED][];
    private int nextQuoted;
    private long lastTime;
    private int lastTimeLength;
    private final byte[] timeDigits = new byte[20];
    /** The last {@link #stamp}: its parts, and their bytes (the CQEs of one reap begin alike up to their user_data). */
    private byte[] stampHead;
    private long stampAt;
    private String stampRing;
    private byte[] stamp = new byte[128];
    private int stampLength;
    /** The stamp's bytes as little-endian longs, the last one padded: copied by eight-byte stores, no copy stub per line. */
    private long[] stampWords = new long[16];
    private int stampWordCount;

    LineBuffer() {
        this(FLUSH_BYTES + 1024);
    }

    /** A buffer for a few lines ({@link JsonLine#of}): it grows as needed. */
    LineBuffer(int capacity) {
        bytes = new byte[capacity];
    }

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
        copy(constant, 0, bytes, size, constant.length);
        size += constant.length;
        return this;
    }

    /**
     * System.arraycopy for the short runs a line is made of (a member's name, a time's digits): up to 64 bytes as
     * 8-byte words, the last word overlapping the one before, instead of a call to the copy stub, whose entry and
     * exit cost more than the copy (C2 inlines arraycopy only up to 8 bytes of known length).
     */
    private static void copy(byte[] from, int fromIndex, byte[] to, int toIndex, int length) {
        if (length < Long.BYTES) {
            for (int i = 0; i < length; i++) {
                to[toIndex + i] = from[fromIndex + i];
            }
            return;
        }
        if (length > 64) {
            System.arraycopy(from, fromIndex, to, toIndex, length);
            return;
        }
        int last = length - Long.BYTES;
        for (int i = 0; i < last; i += Long.BYTES) {
            LONGS.set(to, toIndex + i, (long) LONGS.get(from, fromIndex + i));
        }
        LONGS.set(to, toIndex + last, (long) LONGS.get(from, fromIndex + last));
    }

    /** Text known to be ASCII that needs no escaping (a member's name), one byte per char. */
    LineBuffer asciiChars(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size + i] = (byte) text.charAt(i);
        }
        size += length;
        return this;
    }

    /**
     * A time ({@code at}): the events of one step share it (the CQEs of one reap), so the digits of the last
     * one are kept and copied when it comes again.
     */
    LineBuffer time(long at) {
        if (at == lastTime && lastTimeLength > 0) {
            ensure(lastTimeLength);
            copy(timeDigits, 0, bytes, size, lastTimeLength);
            size += lastTimeLength;
            return this;
        }
        int from = size;
        number(at);
        lastTime = at;
        lastTimeLength = size - from;
        copy(bytes, from, timeDigits, 0, lastTimeLength);
        return this;
    }

    /** A decimal number as Jackson writes a long: two digits a step (one two-byte store), from the right, int arithmetic once it fits. */
    LineBuffer number(long value) {
        if (value == Long.MIN_VALUE) {
            return text(MIN_LONG);
        }
        ensure(20);
        if (value < 0) {
            bytes[size++] = '-';
            value = -value;
        }
        size = digits(bytes, size, value);
        return this;
    }

    /** The decimal digits of {@code value} (>= 0) at {@code at} in {@code into}; returns the index after them. */
    private static int digits(byte[] into, int at, long value) {
        if (value < 10) { // the flags, most results and many user_data: one digit
            into[at] = (byte) ('0' + value);
            return at + 1;
        }
        int end = at + digitCount(value);
        int i = end;
        while (value > Integer.MAX_VALUE) {
            long quotient = value / 100;
            int pair = (int) (value - quotient * 100);
            value = quotient;
            i -= 2;
            SHORTS.set(into, i, PAIR_SHORTS[pair]);
        }
        int small = (int) value;
        while (small >= 100) {
            int quotient = small / 100;
            int pair = small - quotient * 100;
            small = quotient;
            i -= 2;
            SHORTS.set(into, i, PAIR_SHORTS[pair]);
        }
        if (small >= 10) {
            SHORTS.set(into, i - 2, PAIR_SHORTS[small]);
        } else {
            into[--i] = (byte) ('0' + small);
        }
        return end;
    }

    /** Digits of {@code value} (> 0): log10 from the bit length (1233 / 4096 ~ log10 2), one table look-up to correct it. */
    private static int digitCount(long value) {
        int guess = (64 - Long.numberOfLeadingZeros(value)) * 1233 >>> 12;
        return guess + (Long.compareUnsigned(value, POWERS_OF_TEN[guess]) >= 0 ? 1 : 0);
    }

    /**
     * {@code head}, the time {@code at}, {@code middle}, the quoted {@code ring} and {@code tail}: the start of a line,
     * made once and copied while its parts stay the same (the CQEs of one reap share their time and ring).
     * Returns this buffer with room for {@code more} bytes after it.
     */
    LineBuffer stamp(byte[] head, long at, byte[] middle, String ring, byte[] tail, int more) {
        if (head != stampHead || at != stampAt || ring != stampRing) {
            remake(head, at, middle, ring, tail);
        }
        ensure(stampWordCount * Long.BYTES + more);
        int to = size;
        for (int i = 0; i < stampWordCount; i++, to += Long.BYTES) {
            LONGS.set(bytes, to, stampWords[i]); // the padding past the stamp is overwritten by what follows
        }
        size += stampLength;
        return this;
    }

    /**
     * The constant parts of a CQE line after its user_data (HotLines owns the format): the end when res and flags
     * are both 0 as {@link #words}, else the text before res, before flags and the end; {@code most} the most bytes
     * after the stamp, padding included.
     */
    record CqeEnds(long[] zeroEndWords, int zeroEndLength, byte[] res, byte[] flags, byte[] end, int most) {
    }

    /**
     * The lines of CQEs {@code from..count-1} of one reap (the same head, time, middle, ring and tail before each
     * user_data), in one loop with the stamp made once: what {@link #stamp} and the number writers do line by line,
     * kept in one method so the JIT compiles it whole (a stamp compiled on its own first was too big to inline).
     * Stops after the line that brings the buffer to {@link #FLUSH_BYTES}, where the journal hands it over as it
     * does after one line; returns the index after the last line written.
     */
    int cqeLines(byte[] head, long at, byte[] middle, String ring, byte[] tail, long[] userData, int[] res, int[] flags,
                 int from, int count, CqeEnds ends) {
        if (head != stampHead || at != stampAt || ring != stampRing) {
            remake(head, at, middle, ring, tail);
        }
        long[] words = stampWords;
        int wordCount = stampWordCount;
        int length = stampLength;
        long[] zeroEnd = ends.zeroEndWords();
        int room = wordCount * Long.BYTES + ends.most();
        int i = from;
        while (i < count) {
            ensure(room);
            byte[] into = bytes;
            int to = size;
            for (int w = 0; w < wordCount; w++) {
                LONGS.set(into, to + w * Long.BYTES, words[w]); // the padding past the stamp is overwritten by what follows
            }
            to += length;
            long data = userData[i];
            if (data >= 0) {
                to = digits(into, to, data);
            } else {
                size = to;
                number(data); // room for it was ensured: number's own check passes
                to = size;
            }
            int result = res[i];
            int cqeFlags = flags[i];
            if ((result | cqeFlags) == 0) {
                for (int w = 0; w < zeroEnd.length; w++) {
                    LONGS.set(into, to + w * Long.BYTES, zeroEnd[w]);
                }
                to += ends.zeroEndLength();
            } else {
                to = constant(into, to, ends.res());
                to = signedDigits(into, to, result);
                to = constant(into, to, ends.flags());
                to = signedDigits(into, to, cqeFlags);
                to = constant(into, to, ends.end());
            }
            size = to;
            i++;
            if (to >= FLUSH_BYTES) {
                break;
            }
        }
        return i;
    }

    private static int constant(byte[] into, int at, byte[] text) {
        copy(text, 0, into, at, text.length);
        return at + text.length;
    }

    /** An int's decimal digits as Jackson writes them, a minus sign first when negative. */
    private static int signedDigits(byte[] into, int at, int value) {
        if (value >= 0) {
            return digits(into, at, value);
        }
        into[at] = '-';
        return digits(into, at + 1, -(long) value);
    }

    private void remake(byte[] head, long at, byte[] middle, String ring, byte[] tail) {
        int from = size;
        text(head).time(at).text(middle).string(ring).text(tail);
        stampLength = size - from;
        if (stamp.length < stampLength) {
            stamp = new byte[stampLength];
        }
        System.arraycopy(bytes, from, stamp, 0, stampLength);
        size = from; // only made here: the caller copies it in
        stampWords = words(stamp, stampLength, stampWords);
        stampWordCount = (stampLength + Long.BYTES - 1) / Long.BYTES;
        stampHead = head;
        stampAt = at;
        stampRing = ring;
    }

    /** A number known to fit (after {@link #stamp}'s room): no room check. */
    void numberInRoom(long value) {
        if (value < 0) {
            number(value);
            return;
        }
        size = digits(bytes, size, value);
    }

    /** Constant text as {@link #words} made it, known to fit with its padding (after {@link #stamp}'s room). */
    void wordsInRoom(long[] words, int length) {
        int at = size;
        for (long word : words) {
            LONGS.set(bytes, at, word);
            at += Long.BYTES;
        }
        size += length;
    }

    /** The first {@code length} bytes of {@code text} as little-endian longs, zero-padded, in {@code into} when it is long enough. */
    static long[] words(byte[] text, int length, long[] into) {
        int count = (length + Long.BYTES - 1) / Long.BYTES;
        long[] words = into != null && into.length >= count ? into : new long[count];
        int whole = length / Long.BYTES;
        for (int w = 0; w < whole; w++) {
            words[w] = (long) LONGS.get(text, w * Long.BYTES);
        }
        if (whole < count) { // the last bytes, zero-padded: byte i is bits 8 * (i % 8) of its word, little-endian as LONGS
            long last = 0;
            for (int i = whole * Long.BYTES; i < length; i++) {
                last |= (text[i] & 0xffL) << ((i & 7) << 3);
            }
            words[whole] = last;
        }
        return words;
    }

    /** Constant text known to fit (after {@link #stamp}'s room): no room check. */
    void textInRoom(byte[] constant) {
        copy(constant, 0, bytes, size, constant.length);
        size += constant.length;
    }

    /** Bytes as the journal's byte[] serializer writes them, lower-case hex, quoted (null as null): in place, no array per call. */
    LineBuffer hex(byte[] value) {
        if (value == null) {
            return text(NULL);
        }
        ensure(value.length * 2 + 2);
        bytes[size++] = '"';
        for (byte b : value) {
            bytes[size++] = HEX_DIGITS[(b >> 4) & 0xf];
            bytes[size++] = HEX_DIGITS[b & 0xf];
        }
        bytes[size++] = '"';
        return this;
    }

    private static final byte[] HEX_DIGITS = ascii("0123456789abcdef");

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

    /**
     * Quoted and escaped as {@link JournalJson#toLine} writes it: Jackson's String writer, then the line's UTF-8 (so a
     * surrogate pair is the character's four bytes and a lone surrogate '?', as String.getBytes makes it).
     */
    static byte[] quote(String value) {
        byte[] plain = plainQuoted(value);
        return plain != null ? plain : quoted(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code value} as a JSON string, quoted and escaped as Jackson writes it: {@code "} and {@code \\} and the
     * control characters escaped ({@code \\n}, {@code \\t}, {@code \\r}, {@code \\b}, {@code \\f}, else
     * {@code \\u00XX}), everything else as it is (DEL, non-ASCII, surrogates).
     */
    static String quoted(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 8).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                default -> {
                    if (c < 0x20) {
                        quoted.append("\\u00").append(UPPER_HEX.charAt(c >> 4)).append(UPPER_HEX.charAt(c & 0xf));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** Jackson writes the digits of a \\u escape in upper case. */
    private static final String UPPER_HEX = "0123456789ABCDEF";

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

    private static short[] pairShorts() {
        short[] pairs = new short[100];
        for (int i = 0; i < 100; i++) { // the tens digit first in memory: the low byte
            pairs[i] = (short) (('0' + i / 10) | ('0' + i % 10) << 8);
        }
        return pairs;
    }

    static final byte[] NEWLINE = {'\n'};
    static final byte[] NULL = ascii("null");
    /** Eight bytes of a byte[] as one long, little-endian (the order the words were made in). */
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    /** Two bytes of a byte[] as one short, little-endian: a pair of digits in one store. */
    private static final java.lang.invoke.VarHandle SHORTS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    /** "00" to "99", each pair's two bytes as the little-endian short {@link #SHORTS} stores. */
    private static final short[] PAIR_SHORTS = pairShorts();
    private static final byte[] MIN_LONG = ascii(Long.toString(Long.MIN_VALUE));
    /** 10^0 .. 10^19, the last as an unsigned long (it does not fit a signed one). */
    private static final long[] POWERS_OF_TEN = powersOfTen();

    private static long[] powersOfTen() {
        long[] powers = new long[20];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10; // 10^19 wraps to its unsigned value, which compareUnsigned reads
        }
        return powers;
    }
}
