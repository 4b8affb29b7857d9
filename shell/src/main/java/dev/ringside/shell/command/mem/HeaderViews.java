package dev.ringside.shell.command.mem;

import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.shell.session.Output;
import dev.ringside.tracer.ring.CqHeader;
import dev.ringside.tracer.ring.SqHeader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ring headers as --json shows them (mem sq, mem cq, watch): counters unsigned, flags with their names. */
final class HeaderViews {
    private HeaderViews() {
    }

    static Map<String, Object> sq(String ring, SqHeader h) {
        return view(ring, h.fields(), FlagSets.SQ_RING);
    }

    static Map<String, Object> cq(String ring, CqHeader h) {
        return view(ring, h.fields(), FlagSets.CQ_RING);
    }

    /** {@code ring}, then the header words in layout order, {@code flag_names} right after {@code flags}. */
    private static Map<String, Object> view(String ring, Map<String, Long> words, FlagSet flagSet) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ring", ring);
        words.forEach((name, value) -> {
            out.put(name, value);
            if (name.equals("flags")) {
                out.put("flag_names", Output.names(flagSet, value));
            }
        });
        return out;
    }

    /** A slot of the SQE array: its state and the SQE decoded in place. */
    record SqeSlot(String ring, int slot, String state, com.fasterxml.jackson.databind.node.ObjectNode decoded) {
    }

    /** A slot of the CQE array: ready or reaped, and the CQE in it. */
    record CqeSlot(String ring, int slot, String state, Number userData, int res, long flags, String big,
                   String answers) {
    }
}
