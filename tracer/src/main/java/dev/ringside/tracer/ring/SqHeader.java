package dev.ringside.tracer.ring;

import java.util.Map;

/**
 * The SQ ring header as read live from shared memory: each word of {@link HeaderFields#SQ} by name,
 * unsigned; the accessors are for code that reasons about one word.
 */
public record SqHeader(Map<String, Long> fields) {
    private int word(String name) {
        return (int) (long) fields.get(name);
    }

    public int head() {
        return word("head");
    }

    public int tail() {
        return word("tail");
    }

    public int flags() {
        return word("flags");
    }

    public int dropped() {
        return word("dropped");
    }
}
