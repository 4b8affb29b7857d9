package dev.ringside.decoders.codec;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.FieldSpec;
import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.FieldValue;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.decoders.catalog.SqeSlot;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.ValueException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** SQE drafts to bytes, and SQE bytes to named fields, both read from the catalogue. */
public final class SqeCodec {
    private SqeCodec() {
    }

    public static final long SQE_SIZE = UapiLayouts.IO_URING_SQE.byteSize();

    /** Writes the draft into {@code sqe} (64 or 128 bytes), zeroing it first. */
    public static void encode(SqeDraft draft, MemorySegment sqe, PointerSource pointers) {
        sqe.fill((byte) 0);
        Bits.write(sqe, SqeSlot.OPCODE.offset(), 1, draft.opcode().number());
        for (FieldSpec spec : draft.opcode().fields()) {
            spec.preset().ifPresent(v -> Bits.write(sqe, spec.slot().offset(), spec.slot().size(), v));
        }
        for (SqeDraft.Assignment a : draft.assignments()) {
            SqeField f = a.field();
            if (a.value() instanceof FieldValue.Bytes(byte[] data)) {
                writeBytes(sqe, f, data);
                continue;
            }
            Bits.write(sqe, f.offset(), f.size(), a.value().bits(f.name(), pointers));
        }
    }

    /** Bytes in memory order from the field's start; an SQE too small for them (cmd of URING_CMD128 in 64 bytes) is a user error. */
    private static void writeBytes(MemorySegment sqe, SqeField f, byte[] data) {
        if (f.offset() + data.length > sqe.byteSize()) {
            throw new ValueException(f.name() + ": " + data.length + " bytes at offset " + f.offset() + " need a "
                    + (f.offset() + data.length) + "-byte SQE, this one has " + sqe.byteSize() + " (ring flags=SQE128)");
        }
        MemorySegment.copy(MemorySegment.ofArray(data), 0, sqe, f.offset(), data.length);
    }

    /**
     * Names every field of an SQE: the opcode's own readings (whichever variant its flags select),
     * the common fields, then any raw member with non-zero bytes not yet shown, so nothing is hidden.
     * An unknown opcode decodes as raw members and never fails.
     */
    public static Decoded decode(MemorySegment sqe, Catalog catalog) {
        int number = (int) Bits.read(sqe, SqeSlot.OPCODE.offset(), 1);
        Opcode op = catalog.opcode(number).orElse(Catalog.unknown(number));
        List<DecodedField> out = new ArrayList<>();
        BitSet shown = new BitSet((int) SQE_SIZE);
        for (SqeField f : catalog.fieldsOf(op)) {
            if (!applies(op, f, sqe) || shown.get((int) f.offset())) {
                continue;
            }
            boolean common = isCommon(f) || op.field(f.name()).isPresent();
            if (f.type() instanceof FieldType.HexBytes) {
                // a byte array runs to the end of the SQE: show what this SQE has of it, as hex
                long size = Math.min(f.size(), sqe.byteSize() - f.offset());
                byte[] bytes = sqe.asSlice(f.offset(), size).toArray(ValueLayout.JAVA_BYTE);
                out.add(new DecodedField(f.name(), memberName(f), f.offset(), size,
                        Bits.read(sqe, f.offset(), Math.min(8, size)), HexBytes.format(bytes)));
                shown.set((int) f.offset(), (int) (f.offset() + size));
                continue;
            }
            long raw = Bits.read(sqe, f.offset(), f.size());
            if (!common && (raw == 0 || overlapsShown(shown, f))) {
                continue;
            }
            String text = f.name().equals("opcode") ? op.name() + " (" + number + ")" : FieldValues.render(f, raw);
            out.add(new DecodedField(f.name(), memberName(f), f.offset(), f.size(), raw, text));
            shown.set((int) f.offset(), (int) (f.offset() + f.size()));
        }
        out.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        return new Decoded("io_uring_sqe", op.name(), out);
    }

    /** The C member a field's bytes are: its own name when the SQE has a member of that name there (timeout_flags), else its slot's (addr for ts). */
    public static String memberName(SqeField f) {
        boolean isMember = SQE_MEMBERS.stream().anyMatch(m -> m.name().equals(f.name()) && m.offset() == f.offset());
        return isMember ? f.name() : f.uapiName();
    }

    private static boolean isCommon(SqeField f) {
        return Catalog.COMMON_FIELDS.stream().anyMatch(c -> c.name().equals(f.name()));
    }

    /** Whether this reading of the bytes applies, given the flags its condition looks at. */
    private static boolean applies(Opcode op, SqeField f, MemorySegment sqe) {
        return op.field(f.name())
                .flatMap(FieldSpec::when)
                .map(c -> c.holds(Bits.read(sqe, c.slot().offset(), c.slot().size())))
                .orElse(true);
    }

    private static boolean overlapsShown(BitSet shown, SqeField f) {
        return !shown.get((int) f.offset(), (int) (f.offset() + f.size())).isEmpty();
    }

    /** The field layout of the uapi struct, for tests and the raw view. */
    public static List<LayoutPaths.Field> layoutFields() {
        return SQE_MEMBERS;
    }

    /** Walked once: decoding looks members up for every field it shows. */
    private static final List<LayoutPaths.Field> SQE_MEMBERS = List.copyOf(LayoutPaths.fields(UapiLayouts.IO_URING_SQE));
}
