package dev.ringside.decoders.catalog;

/**
 * How many bytes from a pointer slot the kernel may read or write, worked out from the SQE's own
 * bytes: a fixed struct size, a count field times an element size, two fields multiplied, a
 * NUL-terminated string, or a size the catalogue cannot know (driver commands, profile fields).
 */
public sealed interface Extent {
    /** A struct of known size: struct statx 256, __kernel_timespec 16, a pipe's int[2] 8. */
    record Fixed(long bytes, String what) implements Extent {
    }

    /** {@code count} elements of {@code elementSize} bytes, the count held in a slot: len x 1, nr x 16 (iovec). */
    record Counted(SqeSlot count, String countName, long elementSize, String what) implements Extent {
    }

    /** Two slots multiplied: PROVIDE_BUFFERS' nbufs x len. */
    record Product(SqeSlot count, String countName, SqeSlot size, String sizeName) implements Extent {
    }

    /** The first slot when non-zero, else the second: MADVISE's 64-bit length in off (madvise64), else len. */
    record FirstNonZero(SqeSlot first, String firstName, SqeSlot second, String secondName) implements Extent {
    }

    /** A futex word: 1 << (the size bits of futex2_flags) bytes. */
    record SizeCode(SqeSlot slot, long mask, String what) implements Extent {
    }

    /** A NUL-terminated string: the NUL must lie inside the buffer; a path may also be opened or become a link's target. */
    record CString(String what, PathRole role) implements Extent {
        public CString(String what) {
            this(what, PathRole.NAME);
        }
    }

    /** What the kernel does with a path beyond looking it up: opening one of /proc/self/mem is as good as a raw pointer. */
    enum PathRole {
        NAME,
        /** OPENAT, OPENAT2: the file is opened (and may go into the fixed-file table). */
        OPENED,
        /** SYMLINKAT's target: later lookups through the link end there. */
        LINK_TARGET
    }

    /** Nothing the catalogue can check: a driver's own command bytes, a profile's address field. */
    record Undeclared(String why) implements Extent {
    }

    static Fixed fixed(long bytes, String what) {
        return new Fixed(bytes, what);
    }

    static Counted bytesIn(SqeSlot count, String countName) {
        return new Counted(count, countName, 1, "bytes");
    }

    static Counted array(SqeSlot count, String countName, long elementSize, String what) {
        return new Counted(count, countName, elementSize, what);
    }
}
