package dev.ringside.shell.session;

import dev.ringside.tracer.ring.Completion;

/**
 * A CQE reaped from one ring, with what it answers there.
 *
 * @param ring    the ring it was reaped from
 * @param cqe     the CQE as read
 * @param answers the pending request (or MSG_RING posting) it belongs to, or the candidates
 * @param seq     for a CQE of exactly one request, its number among that request's CQEs (1 for the first); else 0
 */
public record RingCompletion(String ring, Completion cqe, Attribution answers, int seq) {
}
