package dev.ringside.decoders.catalog;

/** A test on one slot of the final SQE bytes: {@code (value & mask) == expected}. Chooses which rule of a slot applies. */
public record Guard(SqeSlot slot, long mask, long expected, String text) {
    public boolean holds(long slotValue) {
        return (slotValue & mask) == expected;
    }

    /** Every bit of {@code mask} set in the slot (one flag, usually). */
    public static Guard set(SqeSlot slot, long mask, String name) {
        return new Guard(slot, mask, mask, "with " + name);
    }

    public static Guard clear(SqeSlot slot, long mask, String name) {
        return new Guard(slot, mask, 0, "without " + name);
    }

    /** The slot holds exactly this value (URING_CMD's cmd_op). */
    public static Guard equal(SqeSlot slot, long value, String name) {
        return new Guard(slot, slot.size() >= 8 ? -1L : (1L << (slot.size() * 8)) - 1, value, name);
    }
}
