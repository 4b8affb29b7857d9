package dev.ringside.shell.command;

import dev.ringside.decoders.codec.DecodedField;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.render.TextRenderer;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.ring.CqHeader;
import dev.ringside.tracer.ring.SqHeader;
import picocli.CommandLine.Command;

import java.util.List;

/** {@code mem sq|cq}: the ring headers read live from the memory shared with the kernel. */
@Command(name = "mem", description = "Show ring memory live: mem sq, mem cq.")
public final class MemCommand {
    private final Session session;

    public MemCommand(Session session) {
        this.session = session;
    }

    @Command(name = "sq", description = "The SQ ring header: head (kernel), tail (us), mask, entries, flags, dropped.")
    void sq() {
        RingSession rs = session.currentRing();
        SqHeader h = rs.ring().sqHeader();
        print("sq ring of " + rs.name() + " (live)", List.of(
                field("head", h.head(), Integer.toUnsignedString(h.head())),
                field("tail", h.tail(), Integer.toUnsignedString(h.tail())),
                field("ring_mask", h.ringMask(), Integer.toString(h.ringMask())),
                field("ring_entries", h.ringEntries(), Integer.toString(h.ringEntries())),
                field("flags", h.flags(), FlagSets.SQ_RING.format(Integer.toUnsignedLong(h.flags()))),
                field("dropped", h.dropped(), Integer.toUnsignedString(h.dropped()))));
    }

    @Command(name = "cq", description = "The CQ ring header: head (us), tail (kernel), mask, entries, overflow, flags.")
    void cq() {
        RingSession rs = session.currentRing();
        CqHeader h = rs.ring().cqHeader();
        print("cq ring of " + rs.name() + " (live)", List.of(
                field("head", h.head(), Integer.toUnsignedString(h.head())),
                field("tail", h.tail(), Integer.toUnsignedString(h.tail())),
                field("ring_mask", h.ringMask(), Integer.toString(h.ringMask())),
                field("ring_entries", h.ringEntries(), Integer.toString(h.ringEntries())),
                field("overflow", h.overflow(), Integer.toUnsignedString(h.overflow())),
                field("flags", h.flags(), FlagSets.CQ_RING.format(Integer.toUnsignedLong(h.flags())))));
    }

    private static DecodedField field(String name, int raw, String text) {
        return new DecodedField(name, name, -1, 4, Integer.toUnsignedLong(raw), text);
    }

    private void print(String title, List<DecodedField> fields) {
        StringBuilder out = new StringBuilder(title).append('\n');
        TextRenderer.fields(fields, "  ", out);
        session.out().print(out);
    }
}
