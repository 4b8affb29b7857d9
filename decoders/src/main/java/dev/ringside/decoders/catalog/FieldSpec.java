package dev.ringside.decoders.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One field of an opcode: the name it goes by for that opcode, the slot it occupies, its type and
 * meaning; optionally the condition under which this reading of the slot applies (TIMEOUT's addr
 * is {@code ts} unless IMMEDIATE_ARG is set in timeout_flags, then {@code timeout_ns}), a value
 * the console presets in a new draft (TIMEOUT's len must be 1), and what the kernel does with the
 * slot beyond reading a number: follow it as a pointer (and how far), or take it as an fd.
 */
public record FieldSpec(String name, SqeSlot slot, FieldType type, String doc,
                        Optional<Condition> when, Optional<Long> preset, List<SlotUse> uses) {

    public FieldSpec {
        uses = List.copyOf(uses);
    }

    public FieldSpec(String name, SqeSlot slot, FieldType type, String doc, Optional<Condition> when, Optional<Long> preset) {
        this(name, slot, type, doc, when, preset, List.of());
    }

    /** This reading applies when {@code slot & mask} is non-zero ({@code expected}) or zero (not expected). */
    public record Condition(SqeSlot slot, long mask, boolean expected) {
        public boolean holds(long slotValue) {
            return ((slotValue & mask) != 0) == expected;
        }
    }

    public static FieldSpec field(String name, SqeSlot slot, FieldType type, String doc) {
        return new FieldSpec(name, slot, type, doc, Optional.empty(), Optional.empty(), List.of());
    }

    public FieldSpec when(SqeSlot flagSlot, long mask) {
        return new FieldSpec(name, slot, type, doc, Optional.of(new Condition(flagSlot, mask, true)), preset, uses);
    }

    public FieldSpec unless(SqeSlot flagSlot, long mask) {
        return new FieldSpec(name, slot, type, doc, Optional.of(new Condition(flagSlot, mask, false)), preset, uses);
    }

    public FieldSpec preset(long value) {
        return new FieldSpec(name, slot, type, doc, when, Optional.of(value), uses);
    }

    /** The kernel follows this slot as a user pointer to plain data of {@code extent}. */
    public FieldSpec pointer(SlotUse.Access access, Extent extent) {
        return pointer(access, extent, SlotUse.Holds.DATA);
    }

    /** The kernel follows this slot as a user pointer to {@code extent} bytes laid out as {@code holds}. */
    public FieldSpec pointer(SlotUse.Access access, Extent extent, SlotUse.Holds holds) {
        return with(new SlotUse.Pointer(slot, extent, access, holds, List.of()));
    }

    /** A pointer reading that applies only when {@code guard} holds (SEND's addr with SEND_VECTORIZED). */
    public FieldSpec pointerIf(Guard guard, SlotUse.Access access, Extent extent, SlotUse.Holds holds) {
        return with(new SlotUse.Pointer(slot, extent, access, holds, List.of(guard)));
    }

    /** The kernel takes this slot as a file descriptor of this kind. */
    public FieldSpec fd(SlotUse.FdKind kind) {
        return with(new SlotUse.Fd(slot, kind, List.of()));
    }

    /** The slot is an index into the registered-file table ({@code what} it selects). */
    public FieldSpec fileIndex(String what) {
        return with(new SlotUse.FileIndex(slot, what, List.of()));
    }

    public FieldSpec fdIf(Guard guard, SlotUse.FdKind kind) {
        return with(new SlotUse.Fd(slot, kind, List.of(guard)));
    }

    /** Another use of a different slot this field's value governs (URING_CMD's cmd bytes hold optval at addr3). */
    public FieldSpec with(SlotUse use) {
        List<SlotUse> next = new ArrayList<>(uses);
        next.add(use);
        return new FieldSpec(name, slot, type, doc, when, preset, next);
    }
}
