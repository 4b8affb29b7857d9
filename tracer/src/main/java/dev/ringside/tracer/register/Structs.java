package dev.ringside.tracer.register;

import dev.ringside.decoders.codec.Bits;
import dev.ringside.decoders.layout.LayoutPaths;

import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemorySegment;

/** Reads and writes uapi struct fields by their C names, so argument builders carry no offsets. */
public final class Structs {
    private Structs() {
    }

    /** A zeroed struct of this layout: reserved fields must be zero or the kernel answers -EINVAL. */
    public static MemorySegment allocate(Arena arena, GroupLayout layout) {
        return arena.allocate(layout);
    }

    /** A zeroed array of {@code count} structs (at least one byte, so an empty array still has an address). */
    public static MemorySegment allocateArray(Arena arena, GroupLayout layout, long count) {
        return arena.allocate(Math.max(1, layout.byteSize() * count), layout.byteAlignment());
    }

    public static void set(MemorySegment struct, GroupLayout layout, String field, long value) {
        LayoutPaths.Field f = LayoutPaths.field(layout, field);
        Bits.write(struct, f.offset(), f.size(), value);
    }

    public static long get(MemorySegment struct, GroupLayout layout, String field) {
        LayoutPaths.Field f = LayoutPaths.field(layout, field);
        return Bits.read(struct, f.offset(), f.size());
    }

    /** Element {@code index} of an array of {@code layout} structs. */
    public static MemorySegment element(MemorySegment array, GroupLayout layout, long index) {
        return array.asSlice(index * layout.byteSize(), layout.byteSize());
    }
}
