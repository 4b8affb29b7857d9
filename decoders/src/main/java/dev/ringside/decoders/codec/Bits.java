package dev.ringside.decoders.codec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Reads and writes little-endian integers of 1 to 8 bytes at an offset, zero-extended. */
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
            case 3, 5, 6, 7 -> readBytes(segment, offset, (int) size);
            default -> throw new IllegalArgumentException("no " + size + "-byte integers");
        };
    }

    public static void write(MemorySegment segment, long offset, long size, long value) {
        switch ((int) size) {
            case 1 -> segment.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
            case 2 -> segment.set(U16, offset, (short) value);
            case 4 -> segment.set(U32, offset, (int) value);
            case 8 -> segment.set(U64, offset, value);
            case 3, 5, 6, 7 -> {
                for (int i = 0; i < size; i++) {
                    segment.set(ValueLayout.JAVA_BYTE, offset + i, (byte) (value >>> (8 * i)));
                }
            }
            default -> throw new IllegalArgumentException("no " + size + "-byte integers");
        }
    }

    /** An odd-sized padding array read as one little-endian number ({@code __pad4[3]} of the SQE, 7.2). */
    private static long readBytes(MemorySegment segment, long offset, int size) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= Byte.toUnsignedLong(segment.get(ValueLayout.JAVA_BYTE, offset + i)) << (8 * i);
        }
        return value;
    }
}
