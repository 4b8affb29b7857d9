package dev.ringside.shell.session;

import dev.ringside.decoders.catalog.SqeDraft;

import java.util.List;

/**
 * Something a ring's ledger waits to see a CQE of: a request the console submitted to that ring,
 * or a CQE that a MSG_RING submitted on another ring (or on this one) will post here.
 */
public sealed interface Pending {
    /** The draft number it came from (session-wide, as {@code sqe #N} printed it). */
    int number();

    long userData();

    /** {@code NOP #1}, {@code MSG_RING #3 from ring b}: how a list of candidates names it. */
    String label();

    /** Names of the session buffers it points into: they stay allocated until it has completed. */
    List<String> buffers();

    /**
     * A request in flight: its SQE as written to the SQ ring, the draft it came from, the buffers
     * and console fds it uses, and how many CQEs it posted so far (a multishot one posts several,
     * the last without IORING_CQE_F_MORE).
     */
    final class Request implements Pending {
        private final int number;
        private final String ring;
        private final SqeDraft draft;
        private final byte[] sqe;
        private final SqeFacts facts;
        private final List<String> buffers;
        private final List<String> fds;
        private int cqes;

        /** {@code sqe} is handed over: the caller writes it no more (the journal's SqeQueued may share it, as read-only). */
        Request(int number, String ring, SqeDraft draft, byte[] sqe, SqeFacts facts, List<String> buffers, List<String> fds) {
            this.number = number;
            this.ring = ring;
            this.draft = draft;
            this.sqe = sqe;
            this.facts = facts;
            this.buffers = List.copyOf(buffers);
            this.fds = List.copyOf(fds);
        }

        @Override
        public int number() {
            return number;
        }

        @Override
        public long userData() {
            return facts.userData();
        }

        @Override
        public String label() {
            return draft.opcode().name() + " #" + number;
        }

        @Override
        public List<String> buffers() {
            return buffers;
        }

        public String ring() {
            return ring;
        }

        public SqeDraft draft() {
            return draft;
        }

        /** The SQE bytes as submitted. */
        public byte[] sqe() {
            return sqe.clone();
        }

        /** The SQE bytes as submitted, not copied: for reads in this package only (every reaped CQE asks). */
        byte[] sqeBytes() {
            return sqe;
        }

        public SqeFacts facts() {
            return facts;
        }

        /** Console fds it names ({@code p.r} for {@code fd=$p.r}). */
        public List<String> fds() {
            return fds;
        }

        /** CQEs it posted so far. */
        public int cqes() {
            return cqes;
        }

        int countCqe() {
            return ++cqes;
        }

        /** {@code READ user_data=7 on ring r0}: for messages about what holds a buffer. */
        public String describe() {
            return draft.opcode().name() + " user_data=" + UserDataText.of(draft, userData()) + " on ring " + ring;
        }
    }

    /**
     * The CQE a MSG_RING (IORING_MSG_DATA or IORING_MSG_SEND_FD) will post on its target ring with
     * the user_data it chose (the SQE's off): it belongs to no request of the target ring.
     */
    record Posting(int number, String fromRing, long userData) implements Pending {
        @Override
        public String label() {
            return "MSG_RING #" + number + " from ring " + fromRing;
        }

        @Override
        public List<String> buffers() {
            return List.of();
        }
    }
}
