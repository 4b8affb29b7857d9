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

    public SqeDraft(Opcode opcode) {
        this.opcode = opcode;
    }

    public Opcode opcode() {
        return opcode;
    }

    public List<Assignment> assignments() {
        return List.copyOf(assignments);
    }

    public void set(SqeField field, FieldValue value, String text) {
        assignments.removeIf(a -> a.field().overlaps(field));
        assignments.add(new Assignment(field, value, text));
    }

    /** Removes every assignment touching this field's bytes; true if there was one. */
    public boolean unset(SqeField field) {
        return assignments.removeIf(a -> a.field().overlaps(field));
    }

    public Optional<Assignment> assignment(String uapiName) {
        return assignments.stream().filter(a -> a.field().uapiName().equals(uapiName)).findFirst();
    }

    /** The user_data as assigned (0 when unset): how completions are matched to this SQE. */
    public long userData() {
        return assignments.stream().filter(a -> a.field().uapiName().equals("user_data"))
                .map(Assignment::value).filter(v -> v instanceof FieldValue.Scalar)
                .mapToLong(v -> ((FieldValue.Scalar) v).bits()).findFirst().orElse(0L);
    }

    public SqeDraft copy() {
        SqeDraft copy = new SqeDraft(opcode);
        copy.assignments.addAll(assignments);
        return copy;
    }
}
