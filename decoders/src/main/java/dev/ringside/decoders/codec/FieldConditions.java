package dev.ringside.decoders.codec;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.FieldSpec;
import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.FieldValue;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.values.ValueException;

import java.lang.foreign.MemorySegment;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A field read only under a condition ({@code ts} unless IMMEDIATE_ARG, {@code buf_group} with
 * BUFFER_SELECT) must not be sent when the condition does not hold: the kernel would read its bytes
 * as the other field (a timespec pointer as nanoseconds). Checked on the complete draft, at show,
 * submit and export, because the flags may be set after the field.
 */
public final class FieldConditions {
    private FieldConditions() {
    }

    /** The one-line refusal for the first assignment of the draft whose condition does not hold, if any. */
    public static Optional<String> violation(SqeDraft draft) {
        Opcode op = draft.opcode();
        MemorySegment scalars = null; // made at the first conditional field: most drafts have none
        for (SqeDraft.Assignment a : draft.assignments()) {
            Optional<FieldSpec> spec = op.field(a.field().name()).filter(s -> s.slot().offset() == a.field().offset());
            if (spec.isEmpty() || spec.get().when().isEmpty()) {
                continue;
            }
            if (scalars == null) {
                scalars = scalars(draft);
            }
            FieldSpec.Condition c = spec.get().when().get();
            if (c.holds(Bits.read(scalars, c.slot().offset(), c.slot().size()))) {
                continue;
            }
            return Optional.of(message(op, spec.get(), c, a.text(), scalars));
        }
        return Optional.empty();
    }

    /** Throws the refusal as a {@link ValueException} when the draft has a field that does not apply. */
    public static void check(SqeDraft draft) {
        violation(draft).ifPresent(message -> {
            throw new ValueException(message);
        });
    }

    /**
     * {@code ts does not apply with timeout_flags=IMMEDIATE_ARG, under which the kernel reads addr as timeout_ns: write timeout_ns=1ms};
     * {@code buf_group applies only with flags=BUFFER_SELECT: set flags=BUFFER_SELECT, or write buf_index=3}.
     */
    private static String message(Opcode op, FieldSpec spec, FieldSpec.Condition c, String text, MemorySegment scalars) {
        String condition = conditionText(op, c);
        Optional<FieldSpec> instead = op.fields().stream()
                .filter(other -> other != spec && other.slot() == spec.slot())
                .filter(other -> other.when().map(oc -> oc.holds(Bits.read(scalars, oc.slot().offset(), oc.slot().size()))).orElse(true))
                .findFirst();
        String member = spec.slot().uapiName();
        if (!c.expected()) {
            String reading = instead.map(i -> ", under which the kernel reads " + member + " as " + i.name()).orElse("");
            return spec.name() + " does not apply with " + condition + reading + ": "
                    + instead.map(i -> "write " + i.name() + "=" + text).orElse("clear " + condition);
        }
        String reading = instead.map(i -> "; without it the kernel reads " + member + " as " + i.name()).orElse("");
        Optional<String> plain = instead.map(FieldSpec::name)
                .or(() -> Catalog.COMMON_FIELDS.stream().filter(f -> f.slot() == spec.slot()).map(FieldSpec::name)
                        .filter(name -> !name.equals(spec.name())).findFirst());
        return spec.name() + " applies only with " + condition + reading + ": set " + condition
                + plain.map(name -> ", or write " + name + "=" + text).orElse(", or leave " + spec.name() + " out");
    }

    /** {@code timeout_flags=IMMEDIATE_ARG}: the field holding the condition's flag, and the flag by name. */
    private static String conditionText(Opcode op, FieldSpec.Condition c) {
        Optional<FieldSpec> holder = Stream.concat(op.fields().stream(), Catalog.COMMON_FIELDS.stream())
                .filter(f -> f.slot() == c.slot() && f.type() instanceof FieldType.Flags).findFirst()
                .or(() -> Stream.concat(op.fields().stream(), Catalog.COMMON_FIELDS.stream()).filter(f -> f.slot() == c.slot()).findFirst());
        String name = holder.map(FieldSpec::name).orElse(c.slot().uapiName());
        String flag = holder.map(FieldSpec::type).filter(t -> t instanceof FieldType.Flags)
                .map(t -> ((FieldType.Flags) t).set().format(c.mask())).orElse("0x" + Long.toHexString(c.mask()));
        return name + "=" + flag;
    }

    /** The draft's plain numbers and the opcode's presets at their offsets: enough to read the flags a condition tests. */
    private static MemorySegment scalars(SqeDraft draft) {
        MemorySegment sqe = MemorySegment.ofArray(new byte[(int) (2 * SqeCodec.SQE_SIZE)]);
        for (FieldSpec spec : draft.opcode().fields()) {
            spec.preset().ifPresent(v -> Bits.write(sqe, spec.slot().offset(), spec.slot().size(), v));
        }
        for (SqeDraft.Assignment a : draft.assignments()) {
            if (a.value() instanceof FieldValue.Scalar(long bits) && java.util.Set.of(1L, 2L, 4L, 8L).contains(a.field().size())) {
                Bits.write(sqe, a.field().offset(), a.field().size(), bits);
            }
        }
        return sqe;
    }
}
