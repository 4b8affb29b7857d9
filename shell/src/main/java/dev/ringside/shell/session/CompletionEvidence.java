package dev.ringside.shell.session;

import dev.ringside.tracer.ring.Completion;

import java.util.List;
import java.util.Optional;

/**
 * Where a ledger may learn which of several candidates a CQE answers from something other than
 * the CQE itself: the kernel's own events (the io_uring_submit_req and io_uring_complete
 * tracepoints carry the same req pointer). Without such evidence the ledger names the candidates.
 */
@FunctionalInterface
public interface CompletionEvidence {
    /** No evidence: never pick one. */
    CompletionEvidence NONE = (cqe, candidates) -> Optional.empty();

    /** The candidate the kernel says posted {@code cqe}, if it says. */
    Optional<Pending> decide(Completion cqe, List<Pending> candidates);
}
