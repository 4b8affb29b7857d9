package dev.ringside.shell.command;

import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.shell.session.Output;
import dev.ringside.tracer.ring.CqHeader;
import dev.ringside.tracer.ring.SqHeader;

import java.util.List;

/** The ring headers as --json shows them (mem sq, mem cq, watch): counters unsigned, flags with their names. */
final class HeaderViews {
    private HeaderViews() {
    }

    record SqView(String ring, long head, long tail, int ringMask, int ringEntries, long flags, List<String> flagNames,
                  long dropped) {
    }

    record CqView(String ring, long head, long tail, int ringMask, int ringEntries, long overflow, long flags,
                  List<String> flagNames) {
    }

    static SqView sq(String ring, SqHeader h) {
        long flags = Integer.toUnsignedLong(h.flags());
        return new SqView(ring, Integer.toUnsignedLong(h.head()), Integer.toUnsignedLong(h.tail()), h.ringMask(),
                h.ringEntries(), flags, Output.names(FlagSets.SQ_RING, flags), Integer.toUnsignedLong(h.dropped()));
    }

    static CqView cq(String ring, CqHeader h) {
        long flags = Integer.toUnsignedLong(h.flags());
        return new CqView(ring, Integer.toUnsignedLong(h.head()), Integer.toUnsignedLong(h.tail()), h.ringMask(),
                h.ringEntries(), Integer.toUnsignedLong(h.overflow()), flags, Output.names(FlagSets.CQ_RING, flags));
    }

    /** A slot of the SQE array: its state and the SQE decoded in place. */
    record SqeSlot(String ring, int slot, String state, com.fasterxml.jackson.databind.JsonNode decoded) {
    }

    /** A slot of the CQE array: ready or reaped, and the CQE in it. */
    record CqeSlot(String ring, int slot, String state, Number userData, int res, long flags, String big,
                   String answers) {
    }
}
