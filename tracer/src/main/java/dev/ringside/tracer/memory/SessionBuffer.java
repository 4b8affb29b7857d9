package dev.ringside.tracer.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A named block of native memory the user allocated for SQEs to point at: aligned as asked,
 * zeroed, every access bounds-checked, and freed only when the user (or the session) says so.
 */
public final class SessionBuffer {
    /** Larger buffers are refused: a typo such as size=1000000000000 must not take the machine's memory. */
    public static final long MAX_SIZE = 1L << 30;

    private final String name;
    private final long alignment;
    private final Arena arena;
    private final MemorySegment memory;
    private boolean freed;

    private SessionBuffer(String name, long alignment, Arena arena, MemorySegment memory) {
        this.name = name;
        this.alignment = alignment;
        this.arena = arena;
        this.memory = memory;
    }

    /** Allocates {@code size} zeroed bytes aligned to {@code alignment} (a power of two). */
    public static SessionBuffer allocate(String name, long size, long alignment) {
        if (size <= 0 || size > MAX_SIZE) {
            throw new BufferException("buffer " + name + ": size must be 1.." + MAX_SIZE + " bytes, not " + size);
        }
        if (alignment <= 0 || Long.bitCount(alignment) != 1 || alignment > MAX_SIZE) {
            throw new BufferException("buffer " + name + ": align must be a power of two (8, 64, 4096), not " + alignment);
        }
        // shared: the session may be closed from a shutdown hook, not only from the console thread
        Arena arena = Arena.ofShared();
        return new SessionBuffer(name, alignment, arena, arena.allocate(size, alignment));
    }

    public String name() {
        return name;
    }

    public long size() {
        return memory.byteSize();
    }

    public long alignment() {
        return alignment;
    }

    public boolean isFreed() {
        return freed;
    }

    /** The address of byte {@code offset}; the offset must lie inside the buffer. */
    public long address(long offset) {
        live();
        if (offset < 0 || offset >= size()) {
            throw new BufferException("@" + name + "+" + offset + " is outside buffer " + name + " of " + size()
                    + " bytes (offsets 0.." + (size() - 1) + ")");
        }
        return memory.address() + offset;
    }

    /** Refuses a range that does not fit: {@code length} bytes from {@code offset}. */
    public void checkRange(long offset, long length) {
        address(offset);
        if (length < 0 || length > size() - offset) {
            throw new BufferException(length + " bytes from offset " + offset + " do not fit in buffer " + name
                    + " of " + size() + " bytes (" + (size() - offset) + " left)");
        }
    }

    public byte[] read(long offset, long length) {
        checkRange(offset, length);
        return memory.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
    }

    public void write(long offset, byte[] bytes) {
        checkRange(offset, bytes.length);
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, memory, offset, bytes.length);
    }

    public void fill(long offset, long length, byte value) {
        checkRange(offset, length);
        memory.asSlice(offset, length).fill(value);
    }

    /** The bytes, for reading them in place; invalid once the buffer is freed. */
    public MemorySegment segment() {
        live();
        return memory;
    }

    /** Releases the memory; later accesses fail with a one-line error. Safe to call twice. */
    public void free() {
        if (!freed) {
            freed = true;
            arena.close();
        }
    }

    private void live() {
        if (freed) {
            throw new BufferException("buffer " + name + " was freed");
        }
    }
}
