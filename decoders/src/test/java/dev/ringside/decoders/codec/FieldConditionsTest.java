package dev.ringside.decoders.codec;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.FieldSpec;
import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.FieldValue;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.catalog.SqeField;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every conditional field of the catalogue: refused when its condition fails, with a hint that, followed, fixes the draft. */
class FieldConditionsTest {
    private static final Catalog CATALOG = Catalog.builtin();
    private static final Pattern WRITE = Pattern.compile("write ([a-z_0-9]+)=(\\S+)$");

    @Test
    void aTimespecUnderImmediateArgNamesTimeoutNs() {
        Opcode timeout = CATALOG.opcode("timeout");
        SqeDraft draft = new SqeDraft(timeout);
        set(draft, timeout, "ts", "1ms");
        set(draft, timeout, "timeout_flags", "IMMEDIATE_ARG");
        assertEquals(Optional.of("ts does not apply with timeout_flags=IMMEDIATE_ARG, under which the kernel reads addr as"
                + " timeout_ns: write timeout_ns=1ms"), FieldConditions.violation(draft));
    }

    @Test
    void everyConditionalFieldIsRefusedWhenItsConditionFailsAndTheHintFixesIt() {
        int checked = 0;
        for (Opcode op : CATALOG.opcodes()) {
            for (FieldSpec spec : op.fields()) {
                if (spec.when().isEmpty()) {
                    continue;
                }
                FieldSpec.Condition c = spec.when().get();
                String text = sample(spec.type());
                String what = op.name() + "." + spec.name();

                SqeDraft holds = new SqeDraft(op);
                set(holds, op, spec.name(), text);
                condition(holds, op, c, c.expected());
                assertEquals(Optional.empty(), FieldConditions.violation(holds), what + " with its condition");

                SqeDraft fails = new SqeDraft(op);
                set(fails, op, spec.name(), text);
                condition(fails, op, c, !c.expected());
                String message = FieldConditions.violation(fails).orElseThrow(() -> new AssertionError(what + " accepted without its condition"));
                assertTrue(message.startsWith(spec.name() + " "), message);
                assertTrue(!message.contains("\n"), message);

                Matcher write = WRITE.matcher(message);
                SqeDraft followed = fails.copy();
                if (write.find()) {
                    assertTrue(!write.group(1).equals(spec.name()), what + " hint names itself: " + message);
                    set(followed, op, write.group(1), write.group(2));
                } else {
                    assertTrue(message.contains("set ") || message.contains("clear "), message);
                    condition(followed, op, c, c.expected());
                }
                assertEquals(Optional.empty(), FieldConditions.violation(followed), what + " after following: " + message);
                checked++;
            }
        }
        // ts, timeout_ns (several timeouts), buf_group (several), cancel_op, file_index, cqe_flags, buf_index
        assertTrue(checked >= 10, "only " + checked + " conditional fields");
    }

    private static String sample(FieldType type) {
        return switch (type) {
            case FieldType.TimespecPointer t -> "1ms";
            case FieldType.Duration d -> "1ms";
            case FieldType.Address a -> "@b";
            default -> "3";
        };
    }

    private static void set(SqeDraft draft, Opcode op, String name, String text) {
        SqeField f = CATALOG.field(op, name);
        draft.set(f, FieldValues.parse(f, text), text);
    }

    /** Sets the condition's flag bits when {@code on}, clears them otherwise. */
    private static void condition(SqeDraft draft, Opcode op, FieldSpec.Condition c, boolean on) {
        SqeField slot = CATALOG.field(op, c.slot().uapiName());
        long bits = draft.assignments().stream().filter(a -> a.field().offset() == slot.offset() && a.value() instanceof FieldValue.Scalar)
                .mapToLong(a -> ((FieldValue.Scalar) a.value()).bits()).findFirst().orElse(0L);
        bits = on ? bits | c.mask() : bits & ~c.mask();
        draft.set(slot, new FieldValue.Scalar(bits), "0x" + Long.toHexString(bits));
    }
}
