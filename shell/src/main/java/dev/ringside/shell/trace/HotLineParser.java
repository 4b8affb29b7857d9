package dev.ringside.shell.trace;

import java.nio.charset.StandardCharsets;

/**
 * Reads the journal lines the ring writes per operation ({@code cqe_reaped}, {@code submitted}, {@code entered})
 * straight from their bytes, in the exact shape the journal's hand encoder writes them: a million of them
 * parse without a tree each. Anything else (another order, an escape, a space, a number too long) is refused,
 * and the caller parses that line with Jackson as before.
 */
final class HotLineParser {
    enum Kind { CQE_REAPED, SUBMITTED, ENTERED }

    private static final byte[] CQE_AT = ascii("{\"type\":\"cqe_reaped\",\"at\":");
    private static final byte[] SUBMITTED_AT = ascii("{\"type\":\"submitted\",\"at\":");
    private static final byte[] ENTERED_AT = ascii("{\"type\":\"entered\",\"at\":");
    private static final byte[] RING = ascii(",\"ring\":\"");
    private static final byte[] USER_DATA = ascii("\",\"user_data\":");
    private static final byte[] RES = ascii(",\"res\":");
    private static final byte[] FLAGS = ascii(",\"flags\":");
    private static final byte[] PENDING = ascii("\",\"pending\":");
    private static final byte[] SUBMITTED = ascii(",\"submitted\":");
    private static final byte[] REASON = ascii("\",\"reason\":\"");
    private static final byte[] TO_SUBMIT = ascii("\",\"to_submit\":");
    private static final byte[] MIN_COMPLETE = ascii(",\"min_complete\":");
    private static final byte[] TIMEOUT_NANOS = ascii(",\"timeout_nanos\":");
    private static final byte[] RESULT = ascii(",\"result\":");
    private static final byte[] NANOS = ascii(",\"nanos\":");

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** What the last {@link #parse} read; which fields are set depends on {@link #kind}. */
    Kind kind;
    long at;
    String ring;
    /** cqe_reaped */
    long userData;
    long res;
    long flags;
    /** submitted */
    long pending;
    long submitted;
    /** entered ({@code flags} and the ones below) */
    String reason;
    long toSubmit;
    long minComplete;
    long timeoutNanos;
    long result;
    long nanos;

    private byte[] bytes;
    private int pos;
    private int end;
    /** The last ring and reason names seen, kept so a million lines of one ring make one String. */
    private byte[] lastRingBytes = new byte[0];
    private String lastRing = "";
    private byte[] lastReasonBytes = new byte[0];
    private String lastReason = "";

    /** True when {@code bytes[from, to)} is one of the hot lines, its fields then in this object. */
    boolean parse(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.pos = from;
        this.end = to;
        try {
            if (literal(CQE_AT)) {
                kind = Kind.CQE_REAPED;
                return (at = number()) >= 0 && literal(RING) && (ring = ringName()) != null
                        && literal(USER_DATA) && digits(userData = number()) && literal(RES) && digits(res = number())
                        && fitsInt(res) && literal(FLAGS) && digits(flags = number()) && fitsInt(flags) && last();
            }
            if (literal(SUBMITTED_AT)) {
                kind = Kind.SUBMITTED;
                return (at = number()) >= 0 && literal(RING) && (ring = ringName()) != null
                        && literal(PENDING) && digits(pending = number()) && literal(SUBMITTED)
                        && digits(submitted = number()) && last();
            }
            if (literal(ENTERED_AT)) {
                kind = Kind.ENTERED;
                return (at = number()) >= 0 && literal(RING) && (ring = ringName()) != null
                        && literal(REASON) && (reason = reasonName()) != null
                        && literal(TO_SUBMIT) && digits(toSubmit = number()) && fitsInt(toSubmit)
                        && literal(MIN_COMPLETE) && digits(minComplete = number()) && fitsInt(minComplete)
                        && literal(FLAGS) && digits(flags = number()) && fitsInt(flags)
                        && literal(TIMEOUT_NANOS) && digits(timeoutNanos = number())
                        && literal(RESULT) && digits(result = number())
                        && literal(NANOS) && digits(nanos = number()) && last();
            }
            return false;
        } finally {
            this.bytes = null;
        }
    }

    private boolean failed;

    /** A number read: not {@link #failed}. */
    private boolean digits(long ignored) {
        return !failed;
    }

    private static boolean fitsInt(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
    }

    private boolean last() {
        return pos == end - 1 && bytes[pos] == '}';
    }

    private boolean literal(byte[] text) {
        // Arrays.equals of ranges: the JIT's vectorized compare, eight bytes and more a step
        if (end - pos < text.length || !java.util.Arrays.equals(bytes, pos, pos + text.length, text, 0, text.length)) {
            return false;
        }
        pos += text.length;
        return true;
    }

    /** A decimal of at most 18 digits (no overflow possible), optionally negative; sets {@link #failed} otherwise. */
    private long number() {
        failed = true;
        boolean negative = pos < end && bytes[pos] == '-';
        if (negative) {
            pos++;
        }
        int start = pos;
        long value = 0;
        while (pos < end && bytes[pos] >= '0' && bytes[pos] <= '9') {
            value = value * 10 + (bytes[pos++] - '0');
        }
        int count = pos - start;
        if (count == 0 || count > 18 || count > 1 && bytes[start] == '0') {
            return -1;
        }
        failed = false;
        return negative ? -value : value;
    }

    /** Printable ASCII up to the closing quote, no escapes; null otherwise. */
    private String ringName() {
        int start = scanName();
        if (start < 0) {
            return null;
        }
        if (!same(lastRingBytes, start, pos)) {
            lastRingBytes = java.util.Arrays.copyOfRange(bytes, start, pos);
            lastRing = new String(lastRingBytes, StandardCharsets.US_ASCII);
        }
        return lastRing;
    }

    private String reasonName() {
        int start = scanName();
        if (start < 0) {
            return null;
        }
        if (!same(lastReasonBytes, start, pos)) {
            lastReasonBytes = java.util.Arrays.copyOfRange(bytes, start, pos);
            lastReason = new String(lastReasonBytes, StandardCharsets.US_ASCII);
        }
        return lastReason;
    }

    private int scanName() {
        int start = pos;
        while (pos < end && bytes[pos] != '"') {
            byte b = bytes[pos];
            if (b < 0x20 || b >= 0x7f || b == '\\') {
                return -1;
            }
            pos++;
        }
        return pos < end ? start : -1;
    }

    private boolean same(byte[] known, int from, int to) {
        if (known.length != to - from) {
            return false;
        }
        for (int i = 0; i < known.length; i++) {
            if (known[i] != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }
}
