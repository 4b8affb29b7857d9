package dev.ringside.decoders.catalog;

/** A value assigned to an SQE field in a draft, before it becomes bytes. */
public sealed interface FieldValue {
    /** Bits written as they are. */
    record Scalar(long bits) implements FieldValue {
    }

    /** A time the console places in a __kernel_timespec it owns; the field gets its address. */
    record Timespec(long nanos) implements FieldValue {
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
    }

    /** A user-space address typed as a number: accepted only in unsafe mode. */
    record RawAddress(long address) implements FieldValue {
    }

    /** {@code @name+offset}: a session buffer, resolved (and bounds-checked) when the SQE is written. */
    record BufferRef(String name, long offset) implements FieldValue {
    }
}
