package dev.ringside.tracer.ring;

import java.util.Map;

/** The SQ ring header as read live from shared memory: the words of {@link HeaderFields#SQ}. */
public record SqHeader(Map<String, Long> fields) implements RingHeader {
    public int dropped() {
        return word("dropped");
    }
}
