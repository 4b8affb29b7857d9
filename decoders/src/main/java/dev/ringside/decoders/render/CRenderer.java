package dev.ringside.decoders.render;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.decoders.codec.Decoded;
import dev.ringside.decoders.codec.DecodedField;
import dev.ringside.decoders.codec.FieldValues;
import dev.ringside.decoders.codec.SplitValues;
import dev.ringside.decoders.codec.SqeCodec;
import dev.ringside.decoders.values.Errno;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQEs as C assignments by uapi member, one per field: {@code sqe->opcode = IORING_OP_TIMEOUT;},
 * {@code sqe->timeout_flags = IORING_TIMEOUT_ABS | IORING_TIMEOUT_IMMEDIATE_ARG;}. The SQE is assumed
 * zeroed first (io_uring_get_sqe plus memset, or io_uring_prep_rw), so zero fields other than the
 * opcode are left out. Pointer values are printed as numbers with a comment: an exporter that owns
 * the memory replaces them.
 */
public final class CRenderer {
    private CRenderer() {
    }

    /** The assignments for these SQE bytes, read with this catalogue (profiles included). */
    public static List<String> sqe(MemorySegment sqe, Catalog catalog, String variable) {
        return sqe(SqeCodec.decode(sqe, catalog), catalog, variable);
    }

    /** The assignments for an SQE already decoded by {@link SqeCodec#decode}. */
    public static List<String> sqe(Decoded decoded, Catalog catalog, String variable) {
        Opcode op = opcodeOf(decoded, catalog);
        List<SqeField> fields = catalog.fieldsOf(op);
        List<String> lines = new ArrayList<>();
        for (DecodedField d : decoded.fields()) {
            if (d.raw() == 0 && !d.uapiName().equals("opcode")) {
                continue;
            }
            Optional<SqeField> field = fields.stream()
                    .filter(f -> f.name().equals(d.name()) && f.offset() == d.offset()).findFirst();
            String value = d.uapiName().equals("opcode") ? opcodeC(op, d.raw())
                    : field.map(f -> value(f, d.raw())).orElse(number(d.raw(), false, d.size()));
            String comment = d.name().equals(d.uapiName()) ? "" : " /* " + d.name() + " */";
            lines.add(variable + "->" + d.uapiName() + " = " + value + ";" + comment);
        }
        return lines;
    }

    /** Any decoded struct as {@code p.member = value;} with plain numbers; arrays and zeros left out. */
    public static List<String> struct(Decoded decoded, String variable) {
        List<String> lines = new ArrayList<>();
        for (DecodedField d : decoded.fields()) {
            if (d.raw() != 0 && d.size() <= 8) {
                lines.add(variable + "." + d.uapiName() + " = " + number(d.raw(), false, d.size()) + ";");
            }
        }
        return lines;
    }

    /** The C expression of a field's value for its type. */
    public static String value(SqeField field, long raw) {
        return switch (field.type()) {
            case FieldType.Flags flags -> flags.set().formatC(raw);
            case FieldType.Result r -> result(FieldValues.signExtend(raw, field.size()));
            case FieldType.Split split -> split(split, raw);
            case FieldType.TimespecPointer t -> "0x" + Long.toHexString(raw) + "ULL /* struct __kernel_timespec * */";
            case FieldType.Address a -> "0x" + Long.toHexString(raw) + "ULL /* pointer */";
            case FieldType.Duration d -> Long.toUnsignedString(raw) + "ULL /* ns */";
            case FieldType.UserData u -> Long.toUnsignedString(raw) + (Long.compareUnsigned(raw, 0xffff_ffffL) > 0 ? "ULL" : "");
            case FieldType.Number n -> number(raw, field.signed(), field.size());
            case FieldType.Fd f -> number(raw, field.signed(), field.size());
            // kinds added later print as numbers until they get their own C spelling
            default -> number(raw, field.signed(), field.size());
        };
    }

    /** -EIO for errno results, the number otherwise. */
    static String result(long res) {
        if (res >= 0) {
            return Long.toString(res);
        }
        return Errno.of((int) res).filter(e -> e.number() == -res).map(e -> "-" + e.name()).orElse(Long.toString(res));
    }

    private static String split(FieldType.Split split, long raw) {
        long high = SplitValues.high(split, raw);
        long low = SplitValues.low(split, raw);
        String shifted = "(" + high + "U << " + split.shiftConstant() + ")";
        return low == 0 ? shifted : shifted + " | 0x" + Long.toHexString(low);
    }

    private static String opcodeC(Opcode op, long raw) {
        return op.number() == raw && !op.since().equals("unknown") ? op.cName() : Long.toString(raw);
    }

    private static Opcode opcodeOf(Decoded decoded, Catalog catalog) {
        int number = decoded.field("opcode").map(f -> (int) f.raw()).orElse(0);
        return catalog.opcode(number).orElse(Catalog.unknown(number));
    }

    private static String number(long raw, boolean signed, long size) {
        long value = signed ? FieldValues.signExtend(raw, size) : raw;
        if (signed || (value >= 0 && value < 0x10000)) {
            return Long.toString(value);
        }
        return "0x" + Long.toHexString(value) + (size > 4 ? "ULL" : "U");
    }
}
