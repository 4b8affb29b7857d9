package dev.ringside.shell.command.zcrx;

import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.decoders.flags.FlagSets;

import java.util.List;

/**
 * {@code zcrx query|register|show|rq push|ctrl}: zero-copy receive driven step by step, as liburing's
 * test/zcrx.c does it: the kernel's IO_URING_QUERY_ZCRX answer, an interface queue registered with an
 * area in a session buffer and the refill queue in user memory, the refill queue shown live, buffers
 * handed back, and the IORING_REGISTER_ZCRX_CTRL ops (flush, export, arm an event).
 */
public final class ZcrxCommand implements Declared {
    private final Session session;

    public ZcrxCommand(Session session) {
        this.session = session;
    }

    static final Option EXPECT = Option.of("expect", new ValueType.Result(),
            "the answer the kernel must give (0, -EINVAL): an expectation instead of an error");
    static final Positional IFQ = Positional.required("NAME", ValueType.Name.TEXT, "an ifq made by zcrx register");

    static final Syntax QUERY = Syntax.of("zcrx query",
            "The kernel's IO_URING_QUERY_ZCRX answer (IORING_REGISTER_QUERY, fd -1): refill queue header size and alignment, flags, ctrl ops.")
            .withJson();
    static final Syntax REGISTER = Syntax.of("zcrx register",
                    "IORING_REGISTER_ZCRX_IFQ on the current ring: the area is a session buffer, the refill queue user memory (NAME_rq) sized as the query says.")
            .with(Positional.required("NAME", ValueType.Name.NEW_NAME, "the ifq's name in the console"))
            .with(Option.of("area", ValueType.Name.BUFFER, "the session buffer to receive into, whole pages (buf alloc A 4096 pages)"),
                    Option.of("rq_entries", new ValueType.Number(0, 32768), "refill queue entries (64; none with IMPORT, which shares the exporter's)"),
                    Option.of("flags", new ValueType.Flags(FlagSets.ZCRX_REG.name()), "ZCRX_REG_* flags: NODEV (no device), IMPORT (with from=)"),
                    Option.of("if", ValueType.Name.TEXT, "the network interface, by name or index (without NODEV)"),
                    Option.of("rxq", new ValueType.Number(0, 0xffff_ffffL), "0", "the interface's rx queue"),
                    Option.of("from", ValueType.Name.FD, "with flags=IMPORT: the fd zcrx ctrl export returned ($NAME.export)"),
                    Option.of("events", ValueType.Name.TEXT, "ZCRX_EVENT_* types to report (COPY|ALLOC_FAIL): a struct zcrx_event_desc (7.2)"),
                    Option.of("event_user_data", ValueType.Number.ANY, "0", "with events=: the user_data of event CQEs"),
                    Option.of("rx_buf_len", new ValueType.Number(0, 0xffff_ffffL), "0", "the rx buffer size asked for (0: the page size)"),
                    EXPECT);
    static final Syntax SHOW = Syntax.of("zcrx show",
                    "An ifq: zcrx_id, the kernel's offsets, the area, the refill queue live (head, tail, each rqe) and the buffers not returned.")
            .with(IFQ).withJson();
    static final Syntax RQ = Syntax.of("zcrx rq",
                    "zcrx rq push NAME: an rqe per received zcrx CQE not yet returned (or off= len=), then a release store of the tail.")
            .with(Positional.required("ACTION", new ValueType.Words("push"), "push"), IFQ)
            .with(Option.of("count", ValueType.Number.COUNT, "how many of the received buffers to return (all by default)"),
                    Option.of("off", new ValueType.Number(0, (1L << 48) - 1), "an offset in the area to return instead"),
                    Option.of("len", new ValueType.Number(0, 0xffff_ffffL), "with off=: its length"));
    static final Syntax CTRL = Syntax.of("zcrx ctrl",
                    "IORING_REGISTER_ZCRX_CTRL: flush (ZCRX_CTRL_FLUSH_RQ), export (ZCRX_CTRL_EXPORT: an fd, $NAME.export), arm_event (7.2).")
            .with(Positional.required("OP", new ValueType.Words("flush", "export", "arm_event"), "the control op"), IFQ)
            .with(Option.of("event", new ValueType.Flags(FlagSets.ZCRX_EVENT_TYPE.name()), "with arm_event: ZCRX_EVENT_* to arm"),
                    Option.of("zcrx_id", new ValueType.Number(0, 0xffff_ffffL), "a zcrx_id to send instead of the ifq's"),
                    EXPECT);

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(QUERY, args -> ZcrxShow.query(session)),
                new Verb(REGISTER, args -> ZcrxRegister.register(session, args)),
                new Verb(SHOW, args -> ZcrxShow.show(session, args.word(0).orElseThrow())),
                new Verb(RQ, args -> ZcrxRefill.push(session, args)),
                new Verb(CTRL, args -> ZcrxCtrl.ctrl(session, args)));
    }

    @Override
    public String summary() {
        return "Zero-copy receive, step by step: zcrx query, register, show, rq push, ctrl.";
    }
}
