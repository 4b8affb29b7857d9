package dev.ringside.tracer.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} events of a journal, in a fixed ring of slots: an event recorded by its numbers
 * ({@link Journal#recordCqeReaped} and the like) is kept as those numbers and made a record only when
 * {@link #last} is asked, so the per-operation events of a ring allocate nothing.
 */
final class RecentEvents {
    private static final byte EVENT = 0;
    private static final byte CQE_REAPED = 1;
    private static final byte SUBMITTED = 2;
    private static final byte ENTERED = 3;
    /**
     * The longs one slot holds: a CQE's time, user_data and res and flags packed in one (32 bytes a slot, so the
     * window of a busy ring is 128 KiB and stays in L2 beside the line buffers); entered's four small ints go in
     * {@link #enterInts}, which only its slots touch.
     */
    private static final int NUMBERS = 4;
    private static final int ENTER_INTS = 4;

    private final int capacity;
    private final byte[] kinds;
    private final Event[] events;
    private final String[] rings;
    private final long[] numbers;
    private final int[] enterInts;
    /** The slot the next event goes in. */
    private int next;
    private int size;

    RecentEvents(int capacity) {
        this.capacity = capacity;
        this.kinds = new byte[capacity];
        this.events = new Event[capacity];
        this.rings = new String[capacity];
        this.numbers = new long[capacity * NUMBERS];
        this.enterInts = new int[capacity * ENTER_INTS];
    }

    void add(Event event) {
        int slot = next;
        take(EVENT, null);
        events[slot] = event;
    }

    void addCqeReaped(long at, String ring, long userData, int res, int flags) {
        int n = take(CQE_REAPED, ring);
        numbers[n] = at;
        numbers[n + 1] = userData;
        numbers[n + 2] = (long) res << 32 | Integer.toUnsignedLong(flags);
    }

    /**
     * The CQEs of one reap, entries {@code 0..count-1}, as {@link #addCqeReaped} adds each: one loop with the slot in
     * a local, the ring's bookkeeping stored once.
     */
    void addCqesReaped(long at, String ring, long[] userData, int[] res, int[] flags, int count) {
        int slot = next;
        for (int i = 0; i < count; i++) {
            kinds[slot] = CQE_REAPED;
            if (events[slot] != null) {
                events[slot] = null;
            }
            rings[slot] = ring;
            int n = slot * NUMBERS;
            numbers[n] = at;
            numbers[n + 1] = userData[i];
            numbers[n + 2] = (long) res[i] << 32 | Integer.toUnsignedLong(flags[i]);
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
        next = slot;
        size = (int) Math.min((long) size + count, capacity);
    }

    void addSubmitted(long at, String ring, int pending, long submitted) {
        int n = take(SUBMITTED, ring);
        numbers[n] = at;
        numbers[n + 1] = pending;
        numbers[n + 2] = submitted;
    }

    void addEntered(long at, String ring, Event.EnterReason reason, int toSubmit, int minComplete, int flags,
                    long timeoutNanos, long result, long nanos) {
        int n = take(ENTERED, ring);
        numbers[n] = at;
        numbers[n + 1] = timeoutNanos;
        numbers[n + 2] = result;
        numbers[n + 3] = nanos;
        int e = n / NUMBERS * ENTER_INTS;
        enterInts[e] = reason.ordinal();
        enterInts[e + 1] = toSubmit;
        enterInts[e + 2] = minComplete;
        enterInts[e + 3] = flags;
    }

    /** The last {@code count} events (all, when there are fewer), oldest first. */
    List<Event> last(int count) {
        int n = Math.min(Math.max(count, 0), size);
        List<Event> out = new ArrayList<>(n);
        for (int i = n; i > 0; i--) {
            out.add(event(Math.floorMod(next - i, capacity)));
        }
        return out;
    }

    private Event event(int slot) {
        int n = slot * NUMBERS;
        int e = slot * ENTER_INTS;
        return switch (kinds[slot]) {
            case CQE_REAPED -> new Event.CqeReaped(numbers[n], rings[slot], numbers[n + 1], (int) (numbers[n + 2] >> 32),
                    (int) numbers[n + 2]);
            case SUBMITTED -> new Event.Submitted(numbers[n], rings[slot], (int) numbers[n + 1], numbers[n + 2]);
            case ENTERED -> new Event.Entered(numbers[n], rings[slot], Event.EnterReason.values()[enterInts[e]],
                    enterInts[e + 1], enterInts[e + 2], enterInts[e + 3], numbers[n + 1], numbers[n + 2], numbers[n + 3]);
            default -> events[slot];
        };
    }

    /** Claims the next slot for a {@code kind}, dropping what it held; returns the index of its first number. */
    private int take(byte kind, String ring) {
        int slot = next;
        kinds[slot] = kind;
        if (events[slot] != null) { // a load, not a store, in the common case of a compact slot reused
            events[slot] = null;
        }
        rings[slot] = ring;
        next = slot + 1 == capacity ? 0 : slot + 1; // no division per event
        if (size < capacity) {
            size++;
        }
        return slot * NUMBERS;
    }
}
