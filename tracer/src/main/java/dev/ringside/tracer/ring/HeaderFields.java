package dev.ringside.tracer.ring;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The header words of the SQ and CQ rings, named and ordered as io_sqring_offsets and
 * io_cqring_offsets declare them: every u32 member but the offset of the ring's array (array, cqes)
 * and the reserved words. mem, expect, watch and --json all list these, so none keeps its own list.
 */
public final class HeaderFields {
    private HeaderFields() {
    }

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    /** head, tail, ring_mask, ring_entries, flags, dropped. */
    public static final List<String> SQ = of(UapiLayouts.IO_SQRING_OFFSETS, "array");
    /** head, tail, ring_mask, ring_entries, overflow, flags. */
    public static final List<String> CQ = of(UapiLayouts.IO_CQRING_OFFSETS, "cqes");

    private static List<String> of(StructLayout offsets, String arrayOffset) {
        return LayoutPaths.fields(offsets).stream()
                .filter(f -> f.size() == Integer.BYTES && !f.name().equals(arrayOffset) && !f.name().startsWith("resv"))
                .map(LayoutPaths.Field::name).toList();
    }

    /**
     * Where io_uring_setup put a ring's header words and its array (sq_off.array, cq_off.cqes) in the
     * ring mapping.
     */
    record Offsets(Map<String, Long> words, long array) {
        long head() {
            return words.get("head");
        }

        long tail() {
            return words.get("tail");
        }

        long flags() {
            return words.get("flags");
        }
    }

    /** Where each header word sits in the ring mapping, as io_uring_setup reported it. */
    static Map<String, Long> offsets(List<String> names, ToLongFunction<String> offsetOf) {
        Map<String, Long> out = new LinkedHashMap<>();
        names.forEach(name -> out.put(name, offsetOf.applyAsLong(name)));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Writes one header word (release, as the application publishes its own), for unsafe mode's {@code mem poke};
     * an IllegalArgumentException names the valid words.
     */
    static void write(MemorySegment ring, Map<String, Long> offsets, String name, int value) {
        Long offset = offsets.get(name);
        if (offset == null) {
            throw new IllegalArgumentException("no header word '" + name + "'; words: " + String.join(", ", offsets.keySet()));
        }
        INT.setRelease(ring, (long) offset, value);
    }

    /** Every header word read live (acquire, as the kernel publishes them), unsigned, in layout order. */
    static Map<String, Long> read(MemorySegment ring, Map<String, Long> offsets) {
        Map<String, Long> out = new LinkedHashMap<>();
        offsets.forEach((name, offset) -> out.put(name, Integer.toUnsignedLong((int) INT.getAcquire(ring, (long) offset))));
        return Collections.unmodifiableMap(out);
    }
}
