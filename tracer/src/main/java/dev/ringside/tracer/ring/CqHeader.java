package dev.ringside.tracer.ring;

import java.util.Map;

/** The CQ ring header as read live from shared memory: the words of {@link HeaderFields#CQ}. */
public record CqHeader(Map<String, Long> fields) implements RingHeader {
    public int ringEntries() {
        return word("ring_entries");
    }

    public int overflow() {
        return word("overflow");
    }
}
