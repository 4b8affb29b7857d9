package dev.ringside.shell.command.pbuf;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.register.PbufRing;
import dev.ringside.tracer.register.Registrations;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code pbuf add G BID...}: hand buffers the kernel consumed back to a buffer ring of the current ring, as
 * liburing's io_uring_buf_ring_add (entry at tail + i, masked: addr, len, bid) and io_uring_buf_ring_advance
 * (one release store of the tail) do. A bid is one of the buffers {@code register pbuf_ring} provided, so the
 * address is always the session's own buffer memory.
 */
public final class PbufCommand implements Declared {
    private final Session session;

    public PbufCommand(Session session) {
        this.session = session;
    }

    static final Syntax ADD = Syntax.of("pbuf add",
                    "Give buffers back to buffer group G of the current ring (io_uring_buf_ring_add each, then io_uring_buf_ring_advance).")
            .with(Positional.required("GROUP", new ValueType.Number(0, 0xffff), "the buffer group id (register pbuf_ring group=)"),
                    Positional.many("BID", new ValueType.Number(0, PbufRing.MAX_ENTRIES - 1), "a buffer id the ring provided (0..entries-1)"))
            .with(Option.of("len", new ValueType.Number(1, 1 << 20), "each buffer's length in the entry (the whole buffer by default)"));

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(ADD, this::add));
    }

    @Override
    public String summary() {
        return "Buffer rings: pbuf add GROUP BID... [len=N] re-adds buffers the kernel consumed.";
    }

    private void add(Args args) {
        RingSession rs = session.currentRing();
        Registrations registrations = session.resources().registrations();
        int group = args.positionalNumber(0).orElseThrow().intValue();
        PbufRing pbuf = registrations.pbufRing(rs.name(), group).orElseThrow(() -> {
            List<Integer> groups = registrations.pbufGroups(rs.name());
            return new ConsoleException("no buffer ring group " + group + " on " + rs.name()
                    + (groups.isEmpty() ? "; make one with 'register pbuf_ring group=G entries=N size=BYTES'" : "; groups: " + groups),
                    args.word(0).orElse(null));
        });
        List<Integer> bids = new ArrayList<>();
        for (int i = 1; i < args.positionalWords().size(); i++) {
            long bid = args.positionalNumber(i).orElseThrow();
            if (bid >= pbuf.entries()) {
                throw new ConsoleException("bid " + bid + " is not a buffer of group " + group + ": it provided bid 0.."
                        + (pbuf.entries() - 1), args.word(i).orElse(null));
            }
            bids.add((int) bid);
        }
        if (bids.isEmpty()) {
            throw new ConsoleException("pbuf add needs the bids to give back, e.g. pbuf add " + group + " 0");
        }
        if (bids.size() > pbuf.entries()) {
            throw new ConsoleException(bids.size() + " bids do not fit a ring of " + pbuf.entries()
                    + " entries: the newest would overwrite the first before the kernel sees them");
        }
        long len = args.optionalNumber("len").orElse(0L);
        if (len > pbuf.bufferSize()) {
            throw args.error("len", "len=" + len + " is more than a buffer of group " + group + " holds (" + pbuf.bufferSize()
                    + " bytes): the kernel would write past it");
        }
        int tail = pbuf.readd(bids, (int) len);
        session.journal().record(new Event.PbufAdded(session.journal().now(), rs.name(), group, bids, (int) len, tail));
        session.output().text("  group " + group + ": bid " + bids.stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse("")
                + " re-added (" + (len == 0 ? pbuf.bufferSize() : len) + " bytes each), tail " + tail + "; see 'mem pbuf " + group + "'");
    }
}
