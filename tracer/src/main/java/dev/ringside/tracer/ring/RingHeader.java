package dev.ringside.tracer.ring;

import java.util.Map;

/** A ring header read live: its words ({@link HeaderFields}) by name, unsigned, in layout order. */
public sealed interface RingHeader permits SqHeader, CqHeader {
    Map<String, Long> fields();

    default int word(String name) {
        return (int) (long) fields().get(name);
    }

    default int head() {
        return word("head");
    }

    default int tail() {
        return word("tail");
    }

    default int flags() {
        return word("flags");
    }
}
