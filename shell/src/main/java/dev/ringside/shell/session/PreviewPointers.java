package dev.ringside.shell.session;

import dev.ringside.decoders.codec.PointerSource;

/**
 * Pointers for encoding a draft that is not submitted (show, the crafting-time check): no timespec is
 * allocated (0), raw numbers are kept as typed, {@code @name} resolves through {@code buffers}.
 */
public record PreviewPointers(BufferAddress buffers) implements PointerSource {
    /** The address {@code @name+offset} stands for in this preview. */
    @FunctionalInterface
    public interface BufferAddress {
        long of(String name, long offset);
    }

    @Override
    public long timespec(long nanos) {
        return 0;
    }

    @Override
    public long rawAddress(String field, long address) {
        return address;
    }

    @Override
    public long buffer(String field, String name, long offset) {
        return buffers.of(name, offset);
    }
}
