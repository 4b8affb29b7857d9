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
    /** Exactly this one. */
    record One(Pending pending) implements Attribution {
    }

    /** One of these, in submission order; which one the CQE alone cannot say. */
    record Several(List<Pending> candidates) implements Attribution {
    }

    /** Nothing pending on the ring has this user_data. */
    record Unknown() implements Attribution {
    }

    /** {@code TIMEOUT}, {@code NOP #1 or TIMEOUT #2}, {@code MSG_RING #3 from ring b}; empty when unknown. */
    default String label() {
        return switch (this) {
            case One(Pending.Request r) -> r.draft().opcode().name();
            case One(Pending p) -> p.label();
            case Several(List<Pending> all) -> all.stream().map(Pending::label).collect(Collectors.joining(" or "));
            case Unknown u -> "";
        };
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
