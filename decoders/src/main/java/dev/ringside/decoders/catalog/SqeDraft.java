package dev.ringside.decoders.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An SQE being crafted: an opcode and the field assignments the user made, in order. A later
 * assignment to the same bytes replaces the earlier one, as writing the C field twice would.
 */
public final class SqeDraft {
    /** One assignment: the field, its value, and the text the user typed for it. */
    public record Assignment(SqeField field, FieldValue value, String text) {
    }

    private final Opcode opcode;
    private final List<Assignment> assignments = new ArrayList<>();
    /** {@link #assignments()} as last handed out, until the next change: asked for many times per submit. */
    private List<Assignment> snapshot;

    public SqeDraft(Opcode opcode) {
        this.opcode = opcode;
    }

    public Opcode opcode() {
        return opcode;
    }

    /** The assignments as they are now: an unmodifiable snapshot, which later changes leave as it is. */
    public List<Assignment> assignments() {
        List<Assignment> now = snapshot;
        if (now == null) {
            now = List.copyOf(assignments);
            snapshot = now;
        }
        return now;
    }

    public void set(SqeField field, FieldValue value, String text) {
        snapshot = null;
        assignments.removeIf(a -> a.field().overlaps(field));
        assignments.add(new Assignment(field, value, text));
    }

    /** Removes every assignment touching this field's bytes; true if there was one. */
    public boolean unset(SqeField field) {
        snapshot = null;
        return assignments.removeIf(a -> a.field().overlaps(field));
    }

    public Optional<Assignment> assignment(String uapiName) {
        for (Assignment a : assignments) { // a loop, not a stream: asked for on every submit
            if (a.field().uapiName().equals(uapiName)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The user_data as assigned (0 when unset): how completions are matched to this SQE. */
    public long userData() {
        for (Assignment a : assignments) {
            if (a.value() instanceof FieldValue.Scalar(long bits) && a.field().uapiName().equals("user_data")) {
                return bits;
            }
        }
        return 0L;
    }

    public SqeDraft copy() {
        SqeDraft copy = new SqeDraft(opcode);
        copy.assignments.addAll(assignments);
        return copy;
    }
}
