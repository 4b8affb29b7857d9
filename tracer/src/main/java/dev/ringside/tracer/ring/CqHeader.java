package dev.ringside.tracer.ring;

import java.util.Map;

/**
 * The CQ ring header as read live from shared memory: each word of {@link HeaderFields#CQ} by name,
 * unsigned; the accessors are for code that reasons about one word.
 */
public record CqHeader(Map<String, Long> fields) {
    private int word(String name) {
        return (int) (long) fields.get(name);
    }

    public int head() {
        return word("head");
    }

    public int tail() {
        return word("tail");
    }

    public int ringEntries() {
        return word("ring_entries");
    }

    public int flags() {
        return word("flags");
    }

    public int overflow() {
        return word("overflow");
    }
}
