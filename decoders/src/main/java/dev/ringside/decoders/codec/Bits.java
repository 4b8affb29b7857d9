package dev.ringside.decoders.codec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Reads and writes little integers of 1, 2, 4 or 8 bytes at an offset, zero-extended. */
public final class Bits {
    private Bits() {
    }

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;

    public static long read(MemorySegment segment, long offset, long size) {
        return switch ((int) size) {
            case 1 -> Byte.toUnsignedLong(segment.get(ValueLayout.JAVA_BYTE, offset));
            case 2 -> Short.toUnsignedLong(segment.get(U16, offset));
            case 4 -> Integer.toUnsignedLong(segment.get(U32, offset));
            case 8 -> segment.get(U64, offset);
            default -> throw new IllegalArgumentException("no " + size + "-byte integers");
        };
    }

    public static void write(MemorySegment segment, long offset, long size, long value) {
        switch ((int) size) {
            case 1 -> segment.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
            case 2 -> segment.set(U16, offset, (short) value);
            case 4 -> segment.set(U32, offset, (int) value);
            case 8 -> segment.set(U64, offset, value);
            default -> throw new IllegalArgumentException("no " + size + "-byte integers");
        }
    }
}
