package dev.ringside.tracer.journal;

import dev.ringside.decoders.catalog.FieldValue;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;

import java.util.List;

import static dev.ringside.tracer.journal.LineBuffer.ascii;

/**
 * The lines of the events a console line records on every run ({@code command_ran}, {@code sqe_assigned},
 * {@code sqe_queued}, {@code waited}): a script's loop writes them every pass. Written by hand, byte for byte
 * what {@link JournalJson#toLine} writes (StepLinesTest compares them), as {@link HotLines} writes the ring's.
 */
final class StepLines {
    private StepLines() {
    }

    private static final byte[] COMMAND_RAN_AT = ascii("{\"type\":\"command_ran\",\"at\":");
    private static final byte[] SQE_ASSIGNED_AT = ascii("{\"type\":\"sqe_assigned\",\"at\":");
    private static final byte[] SQE_QUEUED_AT = ascii("{\"type\":\"sqe_queued\",\"at\":");
    private static final byte[] WAITED_AT = ascii("{\"type\":\"waited\",\"at\":");
    private static final byte[] LINE = ascii(",\"line\":");
    private static final byte[] SUCCEEDED_TRUE = ascii(",\"succeeded\":true}\n");
    private static final byte[] SUCCEEDED_FALSE = ascii(",\"succeeded\":false}\n");
    private static final byte[] RING = ascii(",\"ring\":");
    private static final byte[] OPCODE = ascii(",\"opcode\":");
    private static final byte[] ASSIGNMENTS = ascii(",\"assignments\":[");
    private static final byte[] FIELD = ascii("{\"field\":");
    private static final byte[] TEXT = ascii(",\"text\":");
    private static final byte[] SCALAR = ascii(",\"value\":{\"scalar\":");
    private static final byte[] TIMESPEC = ascii(",\"value\":{\"timespec_ns\":");
    private static final byte[] BYTES = ascii(",\"value\":{\"bytes\":");
    private static final byte[] RAW_ADDRESS = ascii(",\"value\":{\"raw_address\":");
    private static final byte[] BUFFER = ascii(",\"value\":{\"buffer\":");
    private static final byte[] OFFSET = ascii(",\"offset\":");
    private static final byte[] VALUE_END = ascii("}}");
    private static final byte[] COMMA = ascii(",");
    private static final byte[] ASSIGNMENTS_END = ascii("]}\n");
    private static final byte[] USER_DATA = ascii(",\"user_data\":");
    private static final byte[] HEX = ascii(",\"bytes\":");
    private static final byte[] END = ascii("}\n");
    private static final byte[] COUNT = ascii(",\"count\":");
    private static final byte[] TIMEOUT_NANOS = ascii(",\"timeout_nanos\":");
    private static final byte[] READY = ascii(",\"ready\":");
    private static final byte[] NULL = LineBuffer.NULL;
    private static final byte[] NO_ASSIGNMENTS = ascii(",\"assignments\":null}\n");

    static void commandRan(LineBuffer out, long at, String line, boolean succeeded) {
        out.text(COMMAND_RAN_AT).time(at).text(LINE).string(line).text(succeeded ? SUCCEEDED_TRUE : SUCCEEDED_FALSE);
    }

    static void waited(LineBuffer out, long at, String ring, int count, long timeoutNanos, int ready) {
        out.text(WAITED_AT).time(at).text(RING).string(ring).text(COUNT).number(count).text(TIMEOUT_NANOS)
                .number(timeoutNanos).text(READY).number(ready).text(END);
    }

    static void sqeQueued(LineBuffer out, long at, String ring, String opcode, long userData, byte[] bytes) {
        out.text(SQE_QUEUED_AT).time(at).text(RING).string(ring).text(OPCODE).string(opcode).text(USER_DATA)
                .number(userData).text(HEX);
        out.hex(bytes);
        out.text(END);
    }

    static void sqeAssigned(LineBuffer out, long at, String ring, Opcode opcode, List<SqeDraft.Assignment> assignments) {
        out.text(SQE_ASSIGNED_AT).time(at).text(RING).string(ring).text(OPCODE);
        if (opcode == null) {
            out.text(NULL);
        } else {
            out.string(opcode.name());
        }
        if (assignments == null) {
            out.text(NO_ASSIGNMENTS);
            return;
        }
        out.text(ASSIGNMENTS);
        for (int i = 0; i < assignments.size(); i++) {
            if (i > 0) {
                out.text(COMMA);
            }
            assignment(assignments.get(i), out);
        }
        out.text(ASSIGNMENTS_END);
    }

    private static void assignment(SqeDraft.Assignment a, LineBuffer out) {
        if (a == null) {
            out.text(NULL);
            return;
        }
        out.text(FIELD).string(a.field().name()).text(TEXT).string(a.text());
        // instanceof, not a pattern switch: a run's first SQE spins no switch bootstrap
        FieldValue value = a.value();
        if (value instanceof FieldValue.Scalar scalar) {
            out.text(SCALAR).number(scalar.bits());
        } else if (value instanceof FieldValue.Timespec timespec) {
            out.text(TIMESPEC).number(timespec.nanos());
        } else if (value instanceof FieldValue.Bytes b) {
            out.text(BYTES).hex(b.bytes());
        } else if (value instanceof FieldValue.RawAddress raw) {
            out.text(RAW_ADDRESS).number(raw.address());
        } else if (value instanceof FieldValue.BufferRef ref) {
            out.text(BUFFER).string(ref.name()).text(OFFSET).number(ref.offset());
        } else {
            throw new IllegalStateException("an SQE assignment's value of no known kind: " + value);
        }
        out.text(VALUE_END);
    }
}
