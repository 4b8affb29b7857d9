package dev.ringside.tracer.ring;

/** The SQ ring header as read live from shared memory. */
public record SqHeader(int head, int tail, int ringMask, int ringEntries, int flags, int dropped) {
}
