package dev.ringside.tracer.journal;

import static dev.ringside.tracer.journal.LineBuffer.ascii;

/**
 * The lines of the events a ring writes per operation ({@code cqe_reaped}, {@code submitted}, {@code entered}),
 * written by hand, byte for byte what {@link JournalJson#toLine} writes (JournalLinesTest compares them),
 * without reflection, a tree or a String in between.
 */
final class HotLines {
    private HotLines() {
    }

    private static final byte[] CQE_AT = ascii("{\"type\":\"cqe_reaped\",\"at\":");
    private static final byte[] SUBMITTED_AT = ascii("{\"type\":\"submitted\",\"at\":");
    private static final byte[] ENTERED_AT = ascii("{\"type\":\"entered\",\"at\":");
    private static final byte[] RING = ascii(",\"ring\":");
    private static final byte[] USER_DATA = ascii(",\"user_data\":");
    private static final byte[] RES = ascii(",\"res\":");
    private static final byte[] FLAGS = ascii(",\"flags\":");
    private static final byte[] PENDING = ascii(",\"pending\":");
    private static final byte[] SUBMITTED = ascii(",\"submitted\":");
    private static final byte[] REASON = ascii(",\"reason\":");
    private static final byte[] TO_SUBMIT = ascii(",\"to_submit\":");
    private static final byte[] MIN_COMPLETE = ascii(",\"min_complete\":");
    private static final byte[] TIMEOUT_NANOS = ascii(",\"timeout_nanos\":");
    private static final byte[] RESULT = ascii(",\"result\":");
    private static final byte[] NANOS = ascii(",\"nanos\":");
    private static final byte[] END = ascii("}\n");
    /** A CQE line's end when res and flags are both 0 (most NOPs), in three eight-byte stores. */
    private static final byte[] RES_0_FLAGS_0_END = ascii(",\"res\":0,\"flags\":0}\n");
    private static final long[] RES_0_FLAGS_0_END_WORDS = LineBuffer.words(RES_0_FLAGS_0_END, RES_0_FLAGS_0_END.length, null);
    /** The most a CQE line has after its stamp: user_data, res and flags at their longest, and the names between. */
    private static final int CQE_AFTER_STAMP = Math.max(20 + RES.length + 11 + FLAGS.length + 11 + END.length,
            20 + RES_0_FLAGS_0_END_WORDS.length * Long.BYTES);
    /** What {@link LineBuffer#cqeLines} writes after a CQE's user_data: the same bytes as {@link #cqeReaped}. */
    private static final LineBuffer.CqeEnds CQE_ENDS = new LineBuffer.CqeEnds(RES_0_FLAGS_0_END_WORDS,
            RES_0_FLAGS_0_END.length, RES, FLAGS, END, CQE_AFTER_STAMP);
    /** Each reason as Jackson writes an enum: its name, quoted. */
    private static final byte[][] REASONS = reasons();

    private static byte[][] reasons() {
        Event.EnterReason[] all = Event.EnterReason.values();
        byte[][] quoted = new byte[all.length][];
        for (Event.EnterReason reason : all) {
            quoted[reason.ordinal()] = LineBuffer.quote(reason.name());
        }
        return quoted;
    }

    /** One CQE's line: its start up to the user_data made once per time and ring ({@link LineBuffer#stamp}), then its numbers. */
    static void cqeReaped(LineBuffer out, long at, String ring, long userData, int res, int flags) {
        out.stamp(CQE_AT, at, RING, ring, USER_DATA, CQE_AFTER_STAMP).numberInRoom(userData);
        if ((res | flags) == 0) {
            out.wordsInRoom(RES_0_FLAGS_0_END_WORDS, RES_0_FLAGS_0_END.length);
        } else {
            out.textInRoom(RES);
            out.numberInRoom(res);
            out.textInRoom(FLAGS);
            out.numberInRoom(flags);
            out.textInRoom(END);
        }
    }

    /**
     * The lines of CQEs {@code from..count-1} of one reap, each as {@link #cqeReaped} writes it, until the buffer is
     * full; returns the index after the last line written ({@link LineBuffer#cqeLines}).
     */
    static int cqesReaped(LineBuffer out, long at, String ring, long[] userData, int[] res, int[] flags, int from, int count) {
        return out.cqeLines(CQE_AT, at, RING, ring, USER_DATA, userData, res, flags, from, count, CQE_ENDS);
    }

    static void submitted(LineBuffer out, long at, String ring, int pending, long submitted) {
        out.text(SUBMITTED_AT).time(at).text(RING).string(ring).text(PENDING).number(pending).text(SUBMITTED)
                .number(submitted).text(END);
    }

    static void entered(LineBuffer out, long at, String ring, Event.EnterReason reason, int toSubmit, int minComplete,
                        int flags, long timeoutNanos, long result, long nanos) {
        out.text(ENTERED_AT).time(at).text(RING).string(ring).text(REASON).text(REASONS[reason.ordinal()])
                .text(TO_SUBMIT).number(toSubmit).text(MIN_COMPLETE).number(minComplete).text(FLAGS).number(flags)
                .text(TIMEOUT_NANOS).number(timeoutNanos).text(RESULT).number(result).text(NANOS).number(nanos).text(END);
    }
}
