package dev.ringside.tracer.journal;

import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.catalog.SqeField;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The opcodes and SQE fields a journal's {@link Event.SqeAssigned} events named, by name: what reading
 * them back needs. Bounded by the catalogue (one entry per opcode and field used), not by the session's length.
 */
public final class Vocabulary {
    private final Map<String, Opcode> opcodes = new HashMap<>();
    private final Map<String, SqeField> fields = new HashMap<>();
    /** The opcode and field objects learnt already, by identity: a script's loop journals the same ones every pass. */
    private final Map<Opcode, Set<SqeField>> seen = new IdentityHashMap<>();

    synchronized void learn(Event.SqeAssigned sqe) {
        Set<SqeField> known = seen.get(sqe.opcode());
        if (known == null) {
            known = Collections.newSetFromMap(new IdentityHashMap<>());
            seen.put(sqe.opcode(), known);
            opcodes.putIfAbsent(sqe.opcode().name(), sqe.opcode());
        }
        for (SqeDraft.Assignment a : sqe.assignments()) {
            if (known.add(a.field())) {
                fields.putIfAbsent(key(sqe.opcode().name(), a.field().name()), a.field());
            }
        }
    }

    synchronized Opcode opcode(String name) {
        Opcode opcode = opcodes.get(name);
        if (opcode == null) {
            throw new IllegalArgumentException("opcode " + name + " was not journaled by this session");
        }
        return opcode;
    }

    synchronized SqeField field(String opcode, String name) {
        SqeField field = fields.get(key(opcode, name));
        if (field == null) {
            throw new IllegalArgumentException("field " + name + " of " + opcode + " was not journaled by this session");
        }
        return field;
    }

    private static String key(String opcode, String field) {
        return opcode + " " + field;
    }
}
