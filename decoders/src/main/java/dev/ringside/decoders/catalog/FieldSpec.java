package dev.ringside.decoders.catalog;

import java.util.Optional;

/**
 * One field of an opcode: the name it goes by for that opcode, the slot it occupies, its type and
 * meaning; optionally the condition under which this reading of the slot applies (TIMEOUT's addr
 * is {@code ts} unless IMMEDIATE_ARG is set in timeout_flags, then {@code timeout_ns}) and a value
 * the console presets in a new draft (TIMEOUT's len must be 1).
 */
public record FieldSpec(String name, SqeSlot slot, FieldType type, String doc,
                        Optional<Condition> when, Optional<Long> preset) {

    /** This reading applies when {@code slot & mask} is non-zero ({@code expected}) or zero (not expected). */
    public record Condition(SqeSlot slot, long mask, boolean expected) {
        public boolean holds(long slotValue) {
            return ((slotValue & mask) != 0) == expected;
        }
    }

    public static FieldSpec field(String name, SqeSlot slot, FieldType type, String doc) {
        return new FieldSpec(name, slot, type, doc, Optional.empty(), Optional.empty());
    }

    public FieldSpec when(SqeSlot flagSlot, long mask) {
        return new FieldSpec(name, slot, type, doc, Optional.of(new Condition(flagSlot, mask, true)), preset);
    }

    public FieldSpec unless(SqeSlot flagSlot, long mask) {
        return new FieldSpec(name, slot, type, doc, Optional.of(new Condition(flagSlot, mask, false)), preset);
    }

    public FieldSpec preset(long value) {
        return new FieldSpec(name, slot, type, doc, when, Optional.of(value));
    }
}
