package dev.ringside.tracer.memory;

import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * A named block of native memory the user allocated for SQEs to point at: aligned as asked,
 * zeroed, every access bounds-checked, and freed only when the user (or the session) says so.
 * Canary bytes sit on both sides, so a kernel write past either end is visible
 * ({@link #canariesIntact}). A {@code pages} buffer is an anonymous mapping of its own, whole
 * pages no other allocation shares: the only memory page-granular operations (MADVISE) may touch.
 */
public final class SessionBuffer {
    /** Larger buffers are refused: a typo such as size=1000000000000 must not take the machine's memory. */
    public static final long MAX_SIZE = 1L << 30;
    public static final long PAGE_SIZE = 4096;
    /** Bytes of canary on each side of a heap buffer (at least; the alignment may make it more). */
    static final long CANARY = 64;

    /** What the bytes were built as by a console builder ({@code buf iovecs}), and the buffers their pointers reach. */
    public record Built(String layout, int entries, List<String> pointsInto) {
        public Built {
            pointsInto = List.copyOf(pointsInto);
        }
    }

    private final String name;
    private final long alignment;
    private final Arena arena;
    private final MemorySegment whole;
    private final MemorySegment memory;
    private final boolean pages;
    /** munmap's answer when a page buffer was freed: 0, or -errno. */
    private long unmapResult;
    private Built built;
    private boolean freed;

    private SessionBuffer(String name, long alignment, Arena arena, MemorySegment whole, MemorySegment memory, boolean pages) {
        this.name = name;
        this.alignment = alignment;
        this.arena = arena;
        this.whole = whole;
        this.memory = memory;
        this.pages = pages;
    }

    /** Allocates {@code size} zeroed bytes aligned to {@code alignment} (a power of two), canaries around them. */
    public static SessionBuffer allocate(String name, long size, long alignment) {
        checkSize(name, size);
        if (alignment <= 0 || Long.bitCount(alignment) != 1 || alignment > MAX_SIZE) {
            throw new BufferException("buffer " + name + ": align must be a power of two (8, 64, 4096), not " + alignment);
        }
        // shared: the session may be closed from a shutdown hook, not only from the console thread
        Arena arena = Arena.ofShared();
        long guard = Math.max(CANARY, alignment);
        MemorySegment whole = arena.allocate(guard + size + CANARY, alignment);
        SessionBuffer b = new SessionBuffer(name, alignment, arena, whole, whole.asSlice(guard, size), false);
        b.paintCanaries();
        return b;
    }

    /**
     * Maps whole pages of its own (anonymous, private), {@code size} rounded up to pages, with one
     * canary page on each side; unmapped on free.
     */
    public static SessionBuffer allocatePages(String name, long size) {
        checkSize(name, size);
        long rounded = (size + PAGE_SIZE - 1) / PAGE_SIZE * PAGE_SIZE;
        MemorySegment whole;
        try {
            whole = Syscalls.mmap(rounded + 2 * PAGE_SIZE, Syscalls.PROT_READ | Syscalls.PROT_WRITE,
                    Syscalls.MAP_PRIVATE | Syscalls.MAP_ANONYMOUS, -1, 0);
        } catch (SyscallException e) {
            throw new BufferException("buffer " + name + ": " + e.getMessage());
        }
        SessionBuffer b = new SessionBuffer(name, PAGE_SIZE, null, whole, whole.asSlice(PAGE_SIZE, rounded), true);
        b.paintCanaries();
        return b;
    }

    private static void checkSize(String name, long size) {
        if (size <= 0 || size > MAX_SIZE) {
            throw new BufferException("buffer " + name + ": size must be 1.." + MAX_SIZE + " bytes, not " + size);
        }
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

    /** Whether the buffer is whole pages mapped for it alone ({@code buf alloc NAME SIZE pages}). */
    public boolean ownsPages() {
        return pages;
    }

    /** With {@link #ownsPages}: the whole mapping, canary pages included, as mmap returned it (for the journal). */
    public long mappingAddress() {
        return whole.address();
    }

    public long mappingLength() {
        return whole.byteSize();
    }

    /** What munmap answered when {@link #free} unmapped the pages: 0, or -errno. */
    public long unmapResult() {
        return unmapResult;
    }

    public boolean isFreed() {
        return freed;
    }

    /** Whether {@code address} lies inside the buffer. */
    public boolean contains(long address) {
        return !freed && address >= memory.address() && address - memory.address() < size();
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

    /** Writes bytes; the buffer is no longer what a builder made of it. */
    public void write(long offset, byte[] bytes) {
        checkRange(offset, bytes.length);
        built = null;
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, memory, offset, bytes.length);
    }

    public void fill(long offset, long length, byte value) {
        checkRange(offset, length);
        built = null;
        memory.asSlice(offset, length).fill(value);
    }

    /** Writes bytes a console builder laid out and checked, and remembers what they are. */
    public void writeBuilt(byte[] bytes, Built what) {
        checkRange(0, bytes.length);
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, memory, 0, bytes.length);
        built = what;
    }

    /** What a console builder made of these bytes, if they are still as it wrote them (through the console). */
    public java.util.Optional<Built> built() {
        return java.util.Optional.ofNullable(built);
    }

    /** The bytes, for reading them in place; invalid once the buffer is freed. */
    public MemorySegment segment() {
        live();
        return memory;
    }

    /** Whether the canary bytes on both sides still hold their pattern: nothing wrote past the buffer. */
    public boolean canariesIntact() {
        live();
        long before = memory.address() - whole.address();
        long after = whole.byteSize() - before - size();
        for (long i = 0; i < before; i++) {
            if (whole.get(ValueLayout.JAVA_BYTE, i) != canary(i)) {
                return false;
            }
        }
        long start = before + size();
        for (long i = 0; i < after; i++) {
            if (whole.get(ValueLayout.JAVA_BYTE, start + i) != canary(start + i)) {
                return false;
            }
        }
        return true;
    }

    private void paintCanaries() {
        long before = memory.address() - whole.address();
        for (long i = 0; i < before; i++) {
            whole.set(ValueLayout.JAVA_BYTE, i, canary(i));
        }
        for (long i = before + size(); i < whole.byteSize(); i++) {
            whole.set(ValueLayout.JAVA_BYTE, i, canary(i));
        }
    }

    private static byte canary(long i) {
        return (byte) (0xA5 ^ (i * 31));
    }

    /** Releases the memory; later accesses fail with a one-line error. Safe to call twice. */
    public void free() {
        if (!freed) {
            freed = true;
            built = null;
            if (pages) {
                try {
                    Syscalls.munmap(whole);
                } catch (SyscallException e) {
                    unmapResult = -e.errno(); // the mapping was ours; nothing else refers to it
                }
            } else {
                arena.close();
            }
        }
    }

    private void live() {
        if (freed) {
            throw new BufferException("buffer " + name + " was freed");
        }
    }
}
