package dev.ringside.decoders.catalog;

/**
 * How many bytes from a pointer slot the kernel may read or write, worked out from the SQE's own
 * bytes: a fixed struct size, a count field times an element size, two fields multiplied, a
 * NUL-terminated string, or a size the catalogue cannot know (driver commands, profile fields).
 */
public sealed interface Extent {
    /** An SQE's slots as a check reads them, zero-extended from their width. */
    @FunctionalInterface
    interface Slots {
        long unsigned(SqeSlot slot);
    }

    /**
     * How many bytes from the pointer the kernel may touch in this SQE, saturated (a count that overflows reaches
     * as far as anything can); a string or an undeclared extent: its first byte. Each extent answers for itself:
     * a type switch over them spun a class at the first checked SQE of a run.
     */
    long reach(Slots sqe);

    /** An unsigned product, saturated at Long.MAX_VALUE. */
    private static long times(long a, long b) {
        if (a < 0 || b < 0) {
            return Long.MAX_VALUE;
        }
        long high = Math.multiplyHigh(a, b);
        long product = a * b;
        return high != 0 || product < 0 ? Long.MAX_VALUE : product;
    }

    /** A struct of known size: struct statx 256, __kernel_timespec 16, a pipe's int[2] 8. */
    record Fixed(long bytes, String what) implements Extent {
        @Override
        public long reach(Slots sqe) {
            return bytes;
        }
    }

    /** {@code count} elements of {@code elementSize} bytes, the count held in a slot: len x 1, nr x 16 (iovec). */
    record Counted(SqeSlot count, String countName, long elementSize, String what) implements Extent {
        @Override
        public long reach(Slots sqe) {
            return times(sqe.unsigned(count), elementSize);
        }
    }

    /** Two slots multiplied: PROVIDE_BUFFERS' nbufs x len. */
    record Product(SqeSlot count, String countName, SqeSlot size, String sizeName) implements Extent {
        @Override
        public long reach(Slots sqe) {
            return times(sqe.unsigned(count), sqe.unsigned(size));
        }
    }

    /** The first slot when non-zero, else the second: MADVISE's 64-bit length in off (madvise64), else len. */
    record FirstNonZero(SqeSlot first, String firstName, SqeSlot second, String secondName) implements Extent {
        @Override
        public long reach(Slots sqe) {
            long bytes = sqe.unsigned(first);
            return bytes != 0 ? bytes : sqe.unsigned(second);
        }
    }

    /** A futex word: 1 << (the size bits of futex2_flags) bytes. */
    record SizeCode(SqeSlot slot, long mask, String what) implements Extent {
        @Override
        public long reach(Slots sqe) {
            return 1L << (sqe.unsigned(slot) & mask);
        }
    }

    /** A NUL-terminated string: the NUL must lie inside the buffer; a path may also be opened or become a link's target. */
    record CString(String what, PathRole role) implements Extent {
        public CString(String what) {
            this(what, PathRole.NAME);
        }

        @Override
        public long reach(Slots sqe) {
            return 1;
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
        @Override
        public long reach(Slots sqe) {
            return 1;
        }
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
