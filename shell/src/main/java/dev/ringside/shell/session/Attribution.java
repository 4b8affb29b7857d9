package dev.ringside.shell.session;

import dev.ringside.decoders.catalog.SqeDraft;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which of a ring's pending requests a CQE answers. Exact when exactly one with its user_data is
 * pending on that ring; with several, the candidates, named, never one guessed by order.
 */
public sealed interface Attribution {
    // each answer labels and settles itself: a type switch over them spun a class at the first CQE of a run

    /** {@code TIMEOUT}, {@code NOP #1 or TIMEOUT #2}, {@code MSG_RING #3 from ring b}; empty when unknown. */
    String label();

    /**
     * The ledger's bookkeeping for a CQE this answers ({@code last}: no MORE flag); returns the CQE's number
     * among its request's, 0 unless it answers exactly one request.
     */
    int settle(RequestLedger ledger, dev.ringside.tracer.ring.Completion cqe, boolean last);

    /** Exactly this one. */
    record One(Pending pending) implements Attribution {
        @Override
        public String label() {
            return pending instanceof Pending.Request r ? r.draft().opcode().name() : pending.label();
        }

        @Override
        public int settle(RequestLedger ledger, dev.ringside.tracer.ring.Completion cqe, boolean last) {
            return ledger.settleOne(pending, cqe, last);
        }
    }

    /** One of these, in submission order; which one the CQE alone cannot say. */
    record Several(List<Pending> candidates) implements Attribution {
        @Override
        public String label() {
            return candidates.stream().map(Pending::label).collect(Collectors.joining(" or "));
        }

        @Override
        public int settle(RequestLedger ledger, dev.ringside.tracer.ring.Completion cqe, boolean last) {
            ledger.settleSeveral(candidates, cqe, last);
            return 0;
        }
    }

    /** Nothing pending on the ring has this user_data. */
    record Unknown() implements Attribution {
        @Override
        public String label() {
            return "";
        }

        @Override
        public int settle(RequestLedger ledger, dev.ringside.tracer.ring.Completion cqe, boolean last) {
            return 0;
        }
    }

    /** The draft of the one request it answers, if it is one of ours. */
    default Optional<SqeDraft> draft() {
        return this instanceof One(Pending.Request r) ? Optional.of(r.draft()) : Optional.empty();
    }

    /** The candidates' labels when there are several, else null (as --json leaves it out). */
    default List<String> candidateLabels() {
        return this instanceof Several(List<Pending> all) ? all.stream().map(Pending::label).toList() : null;
    }
}
