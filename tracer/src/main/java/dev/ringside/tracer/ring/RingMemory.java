package dev.ringside.tracer.ring;

import dev.ringside.decoders.codec.PointerSource;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.tracer.memory.BufferException;
import dev.ringside.tracer.memory.Buffers;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Memory that SQEs of one ring point to, owned by the ring and freed only when it closes, so the
 * kernel never reads a timespec after it was freed. Raw addresses are refused unless the user
 * turned on unsafe mode.
 */
public final class RingMemory implements PointerSource {
    private final Ring ring;
    private final BooleanSupplier unsafe;
    private final Buffers buffers;
    /** Addresses of the timespecs handed out, each of 16 bytes in the ring's arena. */
    private final Set<Long> timespecs = new HashSet<>();

    public RingMemory(Ring ring, boolean unsafe) {
        this(ring, () -> unsafe, null);
    }

    /** Unsafe mode read at each use (the user may toggle it); {@code @name} resolved in the session's buffers. */
    public RingMemory(Ring ring, BooleanSupplier unsafe, Buffers buffers) {
        this.ring = ring;
        this.unsafe = unsafe;
        this.buffers = buffers;
    }

    @Override
    public long timespec(long nanos) {
        MemorySegment ts = ring.arena().allocate(UapiLayouts.KERNEL_TIMESPEC);
        ts.set(ValueLayout.JAVA_LONG, 0, nanos / 1_000_000_000L);
        ts.set(ValueLayout.JAVA_LONG, 8, nanos % 1_000_000_000L);
        timespecs.add(ts.address());
        return ts.address();
    }

    /** Whether {@code length} bytes at {@code address} lie in one timespec this ring allocated (alive as long as the ring). */
    public boolean ownsTimespec(long address, long length) {
        return timespecs.contains(address) && length <= UapiLayouts.KERNEL_TIMESPEC.byteSize();
    }

    /**
     * A raw number goes into the bytes as typed: whether the kernel reads those bytes as a pointer
     * depends on the opcode, so the session's slot check on the final SQE decides (docs/SAFETY.md).
     * Without a session (tracer tests), raw addresses still need unsafe mode.
     */
    @Override
    public long rawAddress(String field, long address) {
        if (buffers == null && address != 0 && !unsafe.getAsBoolean()) {
            throw new UnsafeAddressException(field, address);
        }
        return address;
    }

    @Override
    public long buffer(String field, String name, long offset) {
        if (buffers == null) {
            return PointerSource.super.buffer(field, name, offset);
        }
        try {
            return buffers.address(name, offset);
        } catch (BufferException e) {
            throw new BufferException(field + "=@" + name + (offset == 0 ? "" : "+" + offset) + ": " + e.getMessage());
        }
    }

    /** A raw number typed where the kernel expects a pointer, outside unsafe mode. */
    public static final class UnsafeAddressException extends IllegalArgumentException {
        public UnsafeAddressException(String field, long address) {
            super(field + "=0x" + Long.toHexString(address) + " is a raw address: use a session buffer, "
                    + "or 'set unsafe on' to hand the kernel any address");
        }
    }

}
