package dev.ringside.shell.command.mem;

import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.ring.HeaderFields;

import java.util.List;

/**
 * {@code mem poke cq.flags=EVENTFD_DISABLED}: unsafe mode writes a word of the current ring's SQ or CQ
 * header, as an application may (cq.flags) or a test of the kernel's checks does (a head or tail out of
 * range); journaled, so record and export c write the same word.
 */
final class MemPoke {
    private MemPoke() {
    }

    static final Syntax SYNTAX = Syntax.of("mem poke",
                    "Unsafe mode: write header words of the current ring, e.g. mem poke cq.flags=EVENTFD_DISABLED.")
            .note("RING.FIELD=VALUE ...: sq." + String.join("|", HeaderFields.SQ) + " or cq." + String.join("|", HeaderFields.CQ)
                    + " = a number (flags also take IORING_SQ_*/IORING_CQ_* names)")
            .optionsAsTyped();

    static void run(Session session, Args args) {
        if (!session.unsafe()) {
            throw new ConsoleException("mem poke writes memory the kernel trusts (a wrong head or tail makes it read"
                    + " stale SQEs or skip CQEs): turn on 'set unsafe on' first");
        }
        if (args.words().isEmpty()) {
            throw new ConsoleException("mem poke needs RING.FIELD=VALUE, e.g. mem poke cq.flags=EVENTFD_DISABLED");
        }
        RingSession rs = session.currentRing();
        for (String word : args.words()) {
            Assignment a = Assignment.parse(word);
            int dot = a.name().indexOf('.');
            String which = dot < 0 ? "" : a.name().substring(0, dot);
            String field = a.name().substring(dot + 1);
            List<String> fields = which.equals("sq") ? HeaderFields.SQ : which.equals("cq") ? HeaderFields.CQ : List.of();
            if (fields.isEmpty() || !fields.contains(field)) {
                throw new ConsoleException("'" + a.name() + "' is no ring header word; words: sq." + String.join(", sq.", HeaderFields.SQ)
                        + ", cq." + String.join(", cq.", HeaderFields.CQ), word);
            }
            long value;
            try {
                value = !field.equals("flags") ? Values.parseLong(a.value())
                        : (which.equals("sq") ? FlagSets.SQ_RING : FlagSets.CQ_RING).parse(a.value());
            } catch (ValueException e) {
                throw new ConsoleException(a.name() + ": " + e.getMessage(), word);
            }
            if (value < 0 || value > 0xffffffffL) {
                throw new ConsoleException(a.name() + " is a 32-bit word: 0..4294967295, not " + a.value(), word);
            }
            if (which.equals("sq")) {
                rs.ring().sq().poke(field, (int) value);
            } else {
                rs.ring().cq().poke(field, (int) value);
            }
            session.journal().record(new Event.HeaderPoked(session.journal().now(), rs.name(), which, field, value));
            session.output().text("poked " + which + "." + field + "=" + Long.toUnsignedString(value) + " into " + rs.name()
                    + (field.equals("flags") ? "" : " (the console's own view of the ring may now disagree with it)"));
        }
    }
}
