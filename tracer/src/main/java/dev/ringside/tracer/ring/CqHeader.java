package dev.ringside.tracer.ring;

/** The CQ ring header as read live from shared memory. */
public record CqHeader(int head, int tail, int ringMask, int ringEntries, int overflow, int flags) {
}
