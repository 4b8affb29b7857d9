package dev.ringside.decoders.catalog;

/** A value assigned to an SQE field in a draft, before it becomes bytes. */
public sealed interface FieldValue {
    /** Where the encoder places what a field points to: the codec's PointerSource. */
    interface Pointers {
        long timespec(long nanos);

        long rawAddress(String field, long address);

        long buffer(String field, String name, long offset);
    }

    /**
     * The bits {@code field} gets: the value itself, or the address {@code pointers} gives for it; {@link Bytes} have
     * none (they are written in memory order). Each value answers for itself: a type switch spun a class at the first SQE.
     */
    long bits(String field, Pointers pointers);

    /** Bits written as they are. */
    record Scalar(long bits) implements FieldValue {
        @Override
        public long bits(String field, Pointers pointers) {
            return bits;
        }
    }

    /** A time the console places in a __kernel_timespec it owns; the field gets its address. */
    record Timespec(long nanos) implements FieldValue {
        @Override
        public long bits(String field, Pointers pointers) {
            return pointers.timespec(nanos);
        }
    }

    /** Bytes written in memory order from the field's first byte; the rest of the field stays zero. */
    record Bytes(byte[] bytes) implements FieldValue {
        public Bytes {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public long bits(String field, Pointers pointers) {
            throw new IllegalStateException(field + ": bytes are written in memory order, not as bits");
        }
    }

    /** A user-space address typed as a number: accepted only in unsafe mode. */
    record RawAddress(long address) implements FieldValue {
        @Override
        public long bits(String field, Pointers pointers) {
            return pointers.rawAddress(field, address);
        }
    }

    /** {@code @name+offset}: a session buffer, resolved (and bounds-checked) when the SQE is written. */
    record BufferRef(String name, long offset) implements FieldValue {
        @Override
        public long bits(String field, Pointers pointers) {
            return pointers.buffer(field, name, offset);
        }
    }
}
