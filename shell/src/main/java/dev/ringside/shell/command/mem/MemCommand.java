package dev.ringside.shell.command.mem;

import dev.ringside.decoders.render.HexLines;
import dev.ringside.decoders.codec.CqeCodec;
import dev.ringside.decoders.codec.Decoded;
import dev.ringside.decoders.codec.DecodedField;
import dev.ringside.decoders.codec.SqeCodec;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.render.JsonRenderer;
import dev.ringside.decoders.render.TextRenderer;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Output;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.tracer.ring.Completion;
import dev.ringside.tracer.ring.CompletionQueue;
import dev.ringside.tracer.ring.CqHeader;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.SqHeader;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** {@code mem sq|cq}: the ring headers read live from the memory shared with the kernel. */
public final class MemCommand implements Declared {
    private final Session session;

    public MemCommand(Session session) {
        this.session = session;
    }

    private void sq() {
        RingSession rs = session.currentRing();
        SqHeader h = rs.ring().sqHeader();
        ShownMemory.sq(session, rs.name(), h, "mem sq");
        print("sq", HeaderViews.sq(rs.name(), h), "sq ring of " + rs.name() + " (live)", header(h.fields(), FlagSets.SQ_RING));
    }

    private void cq() {
        RingSession rs = session.currentRing();
        CqHeader h = rs.ring().cqHeader();
        ShownMemory.cq(session, rs.name(), h, "mem cq");
        print("cq", HeaderViews.cq(rs.name(), h), "cq ring of " + rs.name() + " (live)", header(h.fields(), FlagSets.CQ_RING));
    }

    private void sqes(String slot) {
        RingSession rs = session.currentRing();
        Ring ring = rs.ring();
        SqHeader h = ring.sqHeader();
        ShownMemory.sq(session, rs.name(), h, "mem sqes");
        int end = h.tail() + ring.queued();
        int entries = ring.sqEntries();
        if (slot != null) {
            int index = slotNumber(slot, entries);
            MemorySegment sqe = ring.sqeAt(index);
            StringBuilder out = new StringBuilder("sqe[" + index + "] of " + rs.name() + " (live, "
                    + sqeState(positionOf(index, end, entries), end, h.head(), h.tail()) + ")\n");
            Decoded decoded = SqeCodec.decode(sqe, session.catalog());
            TextRenderer.fields(decoded.fields(), "  ", out);
            session.output().result("sqe_slot", new HeaderViews.SqeSlot(rs.name(), index,
                    sqeState(positionOf(index, end, entries), end, h.head(), h.tail()),
                    session.output().json() ? JsonRenderer.tree(decoded) : null), // only --json prints it: no tree for text
                    out + HexLines.of(sqe.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
            return;
        }
        session.output().text("sqe array of " + rs.name() + " (live): " + entries + " slots of " + ring.sqeSize()
                + " bytes; sq head " + Integer.toUnsignedString(h.head()) + ", tail " + Integer.toUnsignedString(h.tail())
                + (ring.queued() > 0 ? ", " + ring.queued() + " queued" : ""));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            String state = sqeState(positionOf(i, end, entries), end, h.head(), h.tail());
            lines.add(state.equals("empty") ? null : String.format("%-9s %s", state,
                    brief(SqeCodec.decode(ring.sqeAt(i), session.catalog()))));
            if (session.output().json() && !state.equals("empty")) {
                session.output().result("sqe_slot", new HeaderViews.SqeSlot(rs.name(), i, state,
                        JsonRenderer.tree(SqeCodec.decode(ring.sqeAt(i), session.catalog()))), "");
            }
        }
        printSlots(lines);
    }

    private void cqes(String slot) {
        RingSession rs = session.currentRing();
        Ring ring = rs.ring();
        CompletionQueue cq = ring.cq();
        CqHeader h = ring.cqHeader();
        ShownMemory.cq(session, rs.name(), h, "mem cqes");
        int entries = ring.cqEntries();
        if (slot != null) {
            int index = slotNumber(slot, entries);
            MemorySegment cqe = cq.slot(index);
            session.output().result("cqe_slot", cqeSlot(rs.name(), index, cq.peek(index), h),
                    TextRenderer.render(CqeCodec.decode(cqe.asSlice(0, CompletionQueue.CQE_BYTES))) + HexLines.of(cqe.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
            return;
        }
        session.output().text("cqe array of " + rs.name() + " (live): " + entries + " slots of " + ring.cqeSize()
                + " bytes; cq head " + Integer.toUnsignedString(h.head()) + ", tail " + Integer.toUnsignedString(h.tail())
                + ", " + (h.tail() - h.head()) + " ready");
        List<String> lines = new ArrayList<>();
        boolean secondHalf = false;
        for (int i = 0; i < entries; i++) {
            int position = positionOf(i, h.tail(), entries);
            if (!written(position, h.tail())) {
                lines.add(null);
                secondHalf = false;
                continue;
            }
            if (secondHalf) {
                // on a CQE_MIXED ring a 32-byte CQE (F_32) spills into the next slot: not a CQE of its own
                lines.add("        (second half of the 32-byte CQE in slot " + (i - 1) + ")");
                secondHalf = false;
                continue;
            }
            // the kernel pads with F_SKIP rather than wrap a big CQE, so the last slot never spills
            Completion c = cq.peek(position);
            secondHalf = i + 1 < entries && cq.spills(c.flags());
            if (position - h.head() >= 0) {
                ShownMemory.cqe(session, rs.name(), c, "mem cqes");
            }
            String label = rs.ledger().labelFor(c.userData());
            String answers = label.isEmpty() ? "" : "   <- " + label;
            lines.add(String.format("%-7s %s", position - h.head() >= 0 ? "ready" : "reaped",
                    TextRenderer.oneLine(CqeCodec.decode(cq.slot(i).asSlice(0, CompletionQueue.CQE_BYTES)))
                            + (c.isBig() ? " big=" + HexFormat.of().formatHex(c.big()) : "") + answers));
            if (session.output().json()) {
                session.output().result("cqe_slot", cqeSlot(rs.name(), i, c, h), "");
            }
        }
        printSlots(lines);
    }

    /** A CQE slot as --json shows it; whether it was reaped is only known for the last ring lap. */
    private HeaderViews.CqeSlot cqeSlot(String ring, int index, Completion c, CqHeader h) {
        int position = positionOf(index, h.tail(), h.ringEntries());
        return new HeaderViews.CqeSlot(ring, index, !written(position, h.tail()) ? "empty"
                : position - h.head() >= 0 ? "ready" : "reaped", Output.unsigned(c.userData()),
                c.res(), Integer.toUnsignedLong(c.flags()), c.isBig() ? HexFormat.of().formatHex(c.big()) : null,
                Optional.of(session.ring(ring).ledger().labelFor(c.userData())).filter(l -> !l.isEmpty()).orElse(null));
    }

    /** One line per used slot; a run of unused ones (null) as one {@code [2..7] empty} line. */
    private void printSlots(List<String> lines) {
        if (session.output().json()) {
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) != null) {
                session.out().println("  [" + i + "] " + lines.get(i));
                continue;
            }
            int last = i;
            while (last + 1 < lines.size() && lines.get(last + 1) == null) {
                last++;
            }
            session.out().println("  [" + (last == i ? Integer.toString(i) : i + ".." + last) + "] empty");
            i = last;
        }
    }

    /** The most recent ring position (before {@code end}) that maps to this slot. */
    private static int positionOf(int slot, int end, int entries) {
        return end - 1 - ((end - 1 - slot) & (entries - 1));
    }

    /** Whether the ring ever reached this position: not on a fresh ring whose counters are still below it. */
    private static boolean written(int position, int end) {
        return Integer.compareUnsigned(end - position, end) <= 0;
    }

    /** consumed (the kernel read it), pending (published, not yet read), queued (written, not published), empty. */
    private static String sqeState(int position, int end, int head, int tail) {
        if (!written(position, end)) {
            return "empty";
        }
        return position - head < 0 ? "consumed" : position - tail < 0 ? "pending" : "queued";
    }

    /** {@code READ fd=6 addr=0x7f.. len=5 user_data=1}: the opcode and its non-zero fields. */
    private String brief(Decoded decoded) {
        StringBuilder out = new StringBuilder(decoded.fields().stream().filter(f -> f.name().equals("opcode"))
                .map(DecodedField::text).findFirst().orElse("?"));
        for (DecodedField f : decoded.fields()) {
            if (!f.name().equals("opcode") && (f.raw() != 0 || f.name().equals("user_data"))) {
                out.append(' ').append(f.name()).append('=').append(f.text()).append(bufferName(f.raw()));
            }
        }
        return out.toString();
    }

    /** {@code (@b+8)} when an address lies in a session buffer, so the array reads like the drafts. */
    private String bufferName(long address) {
        return session.resources().buffers().all().stream()
                .filter(b -> address >= b.address(0) && address - b.address(0) < b.size())
                .map(b -> "(@" + b.name() + (address == b.address(0) ? "" : "+" + (address - b.address(0))) + ")")
                .findFirst().orElse("");
    }

    private static int slotNumber(String text, int entries) {
        long n;
        try {
            n = Values.parseLong(text);
        } catch (ValueException e) {
            throw new ConsoleException("slot: " + e.getMessage(), text);
        }
        if (n < 0 || n >= entries) {
            throw new ConsoleException("slot " + text + " does not exist; slots are 0.." + (entries - 1), text);
        }
        return (int) n;
    }

    /** The header words as io_sqring_offsets/io_cqring_offsets name them; flags with their names. */
    private static List<DecodedField> header(java.util.Map<String, Long> words, dev.ringside.decoders.flags.FlagSet flagSet) {
        List<DecodedField> out = new ArrayList<>();
        words.forEach((name, raw) -> out.add(new DecodedField(name, name, -1, 4, raw,
                name.equals("flags") ? flagSet.format(raw) : Long.toUnsignedString(raw))));
        return out;
    }

    private void print(String type, Object view, String title, List<DecodedField> fields) {
        StringBuilder out = new StringBuilder(title).append('\n');
        TextRenderer.fields(fields, "  ", out);
        session.output().result(type, view, out.toString());
    }

    static final Syntax SQ = Syntax.of("mem sq", "The SQ ring header, live: head (kernel), tail (us), mask, entries, flags, dropped.").withJson();
    static final Syntax CQ = Syntax.of("mem cq", "The CQ ring header, live: head (us), tail (kernel), mask, entries, overflow, flags.").withJson();
    static final Syntax SQES = Syntax.of("mem sqes", "The SQE array decoded in place, a line per slot; one slot in full with SLOT.")
            .with(Positional.optional("SLOT", ValueType.Number.COUNT, "an SQE slot")).withJson();
    static final Syntax CQES = Syntax.of("mem cqes", "The CQE array decoded in place, a line per slot (ready ones not yet reaped); one slot with SLOT.")
            .with(Positional.optional("SLOT", ValueType.Number.COUNT, "a CQE slot")).withJson();
    static final Syntax PBUF = Syntax.of("mem pbuf", "A provided-buffer ring (register pbuf_ring): the kernel's head, our tail, each slot's buffer.")
            .with(Positional.required("GROUP", ValueType.Number.COUNT, "the buffer group id")).withJson();
    static final Syntax ZCRX = Syntax.of("mem zcrx", "A zcrx ifq (zcrx register): zcrx_id, the kernel's offsets, the refill queue live (as zcrx show).")
            .with(Positional.required("NAME", ValueType.Name.TEXT, "an ifq made by zcrx register")).withJson();

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SQ, args -> sq()), new Verb(CQ, args -> cq()), new Verb(SQES, args -> sqes(args.word(0).orElse(null))),
                new Verb(CQES, args -> cqes(args.word(0).orElse(null))),
                new Verb(PBUF, args -> PbufRingView.show(session, args.word(0).orElseThrow())),
                new Verb(ZCRX, args -> dev.ringside.shell.command.zcrx.ZcrxShow.show(session, args.word(0).orElseThrow())),
                new Verb(MemPoke.SYNTAX, args -> MemPoke.run(session, args)));
    }

    @Override
    public String summary() {
        return "Show ring memory live: mem sq, mem cq, mem sqes [SLOT], mem cqes [SLOT], mem pbuf GROUP, mem zcrx NAME; mem poke RING.FIELD=VALUE (unsafe).";
    }
}
