package dev.ringside.decoders.codec;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.register.RegisterArg;
import dev.ringside.decoders.register.RegisterOpcodes;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The bytes of an io_uring_register argument as the structs its catalogue declaration says they are
 * ({@link RegisterArg}): text, {@code register --json} and {@code trace show} decode the same bytes
 * the same way. {@code addressName} annotates addresses ({@code iov_base}) with what they point into.
 */
public final class RegisterArgDecoder {
    private RegisterArgDecoder() {
    }

    public static List<Decoded> decode(RegisterArg arg, MemorySegment bytes, Catalog catalog, LongFunction<String> addressName) {
        return switch (arg) {
            case RegisterArg.None none -> List.of();
            case RegisterArg.Struct s -> bytes.byteSize() < s.layout().byteSize() ? List.of(hex(s.describe(), bytes))
                    : List.of(StructTypes.decode(s.layout().name().orElseThrow(), bytes.asSlice(0, s.layout().byteSize()), catalog));
            case RegisterArg.Array a -> array(a.layout(), bytes, catalog, addressName);
            case RegisterArg.Words w -> List.of(words(w, bytes));
            case RegisterArg.CpuMask m -> List.of(new Decoded("cpu_set_t", "cpu_set_t (" + bytes.byteSize() + " bytes)",
                    List.of(new DecodedField("cpus", "cpus", 0, bytes.byteSize(), 0,
                            cpuList(BitSet.valueOf(bytes.toArray(ValueLayout.JAVA_BYTE)))))));
            case RegisterArg.Sqe sqe -> bytes.byteSize() < UapiLayouts.IO_URING_SQE.byteSize() ? List.of(hex(sqe.describe(), bytes))
                    : List.of(SqeCodec.decode(bytes.asSlice(0, UapiLayouts.IO_URING_SQE.byteSize()), catalog));
            case RegisterArg.Probe p -> probe(bytes, catalog);
        };
    }

    private static List<Decoded> array(StructLayout layout, MemorySegment bytes, Catalog catalog, LongFunction<String> addressName) {
        List<Decoded> out = new ArrayList<>();
        long size = layout.byteSize();
        for (long at = 0; at + size <= bytes.byteSize(); at += size) {
            MemorySegment element = bytes.asSlice(at, size);
            out.add(layout == RegisterOpcodes.IOVEC
                    ? StructDecoder.decode(layout, element, "iovec", Map.of("iov_base",
                            raw -> "0x" + Long.toHexString(raw) + addressName.apply(raw)))
                    : StructTypes.decode(layout.name().orElseThrow(), element, catalog));
        }
        return out;
    }

    private static Decoded words(RegisterArg.Words w, MemorySegment bytes) {
        List<DecodedField> fields = new ArrayList<>();
        for (int i = 0; i < bytes.byteSize() / 4; i++) {
            int v = bytes.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
            String name = i < w.names().size() ? w.names().get(i) : "[" + i + "]";
            fields.add(new DecodedField(name, name, i * 4L, 4, Integer.toUnsignedLong(v),
                    w.signed() ? Integer.toString(v) : Integer.toUnsignedString(v)));
        }
        return new Decoded(w.ctype() + "[" + fields.size() + "]", w.ctype() + "[" + fields.size() + "]", fields);
    }

    /** The probe header, then its ops up to ops_len (none before the kernel filled it in). */
    private static List<Decoded> probe(MemorySegment bytes, Catalog catalog) {
        StructLayout header = UapiLayouts.IO_URING_PROBE;
        if (bytes.byteSize() < header.byteSize()) {
            return List.of(hex("struct io_uring_probe", bytes));
        }
        List<Decoded> out = new ArrayList<>(List.of(StructTypes.decode("io_uring_probe", bytes.asSlice(0, header.byteSize()), catalog)));
        long len = out.getFirst().field("ops_len").map(DecodedField::raw).orElse(0L);
        long op = UapiLayouts.IO_URING_PROBE_OP.byteSize();
        for (long i = 0; i < len && header.byteSize() + (i + 1) * op <= bytes.byteSize(); i++) {
            out.add(StructTypes.decode("io_uring_probe_op", bytes.asSlice(header.byteSize() + i * op, op), catalog));
        }
        return out;
    }

    private static Decoded hex(String what, MemorySegment bytes) {
        String hex = java.util.HexFormat.ofDelimiter(" ").formatHex(bytes.toArray(ValueLayout.JAVA_BYTE));
        return new Decoded(what, what + " (" + bytes.byteSize() + " bytes, shorter than the struct)",
                List.of(new DecodedField("bytes", "bytes", 0, bytes.byteSize(), 0, hex)));
    }

    /** {@code 0,2-3}; {@code (none)} for an empty mask. */
    public static String cpuList(BitSet cpus) {
        StringBuilder out = new StringBuilder();
        for (int i = cpus.nextSetBit(0); i >= 0; ) {
            int end = cpus.nextClearBit(i) - 1;
            out.append(out.isEmpty() ? "" : ",").append(i).append(end > i ? "-" + end : "");
            i = cpus.nextSetBit(end + 1);
        }
        return out.isEmpty() ? "(none)" : out.toString();
    }
}
