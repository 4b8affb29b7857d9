package dev.ringside.shell.command.zcrx;

import dev.ringside.decoders.flags.ZcrxRegFlag;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.command.register.ZcrxRegisterCalls;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.tracer.memory.BufferException;
import dev.ringside.tracer.memory.SessionBuffer;
import dev.ringside.tracer.register.RegisterArgument;
import dev.ringside.tracer.register.ZcrxArgs;
import dev.ringside.tracer.register.ZcrxIfq;
import dev.ringside.tracer.register.ZcrxQuery;
import dev.ringside.tracer.register.ZcrxRefillQueue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code zcrx register}: io_uring_zcrx_ifq_reg built as liburing's test/zcrx.c builds it, with an
 * io_uring_zcrx_area_reg over a session buffer and an io_uring_region_desc of type USER over a page
 * buffer {@code NAME_rq} of align_up(rq_hdr_size, rq_hdr_alignment) + rq_entries rqes, whole pages
 * (the query's answer, or a page of header where the kernel has no query, as liburing falls back).
 * With ZCRX_REG_IMPORT only if_idx (the exported fd) is set: the kernel shares the exporter's ifq.
 */
final class ZcrxRegister {
    private ZcrxRegister() {
    }

    private static final long PAGE = SessionBuffer.PAGE_SIZE;
    static final long DEFAULT_RQ_ENTRIES = 64;

    static void register(Session session, Args args) {
        String name = args.word(0).orElseThrow();
        session.resources().checkNewName(name);
        if (session.resources().zcrx().find(name).isPresent()) {
            throw new ConsoleException("zcrx ifq '" + name + "' exists already; 'zcrx show " + name + "' shows it", name);
        }
        RingSession rs = session.currentRing();
        long flags = args.optionalNumber("flags").orElse(0L);
        boolean importing = (flags & ZcrxRegFlag.IMPORT.value()) != 0;
        // an import takes the exporter's queue: the kernel refuses rq_entries, area and region with it
        long entries = args.optionalNumber("rq_entries").orElse(importing ? 0L : DEFAULT_RQ_ENTRIES);
        Optional<ZcrxArgs.Events> events = args.optionalText("events")
                .map(e -> new ZcrxArgs.Events(args.number("event_user_data"), eventMask(e, args)));
        Optional<ZcrxIfq> exporter = Optional.empty();
        SessionBuffer area = null;
        SessionBuffer rq = null;
        long ifIndex;
        if (importing) {
            String from = args.optionalText("from").orElseThrow(() -> args.error("from",
                    "flags=IMPORT needs from=FD, the fd 'zcrx ctrl export NAME' returned ($NAME.export)"));
            int fd = session.resources().fd(from.startsWith("$") ? from.substring(1) : from).fd();
            exporter = session.resources().zcrx().exportedAs(fd);
            ifIndex = fd;
        } else {
            if (args.has("from")) {
                throw args.error("from", "from= is the exported fd of flags=IMPORT; add IMPORT to flags= or leave from= out");
            }
            String areaName = args.optionalText("area").orElseThrow(() -> args.error("area",
                    "zcrx register needs area=BUF, whole pages to receive into: buf alloc A 4096 pages"));
            area = session.resources().buffer(areaName);
            ifIndex = args.optionalText("if").map(ZcrxRegister::ifIndex).orElse(0L);
            ZcrxQuery query = ZcrxQuery.ofKernel(rs.ring().fd());
            long hdr = query.answered() ? 0 : PAGE; // liburing's fallback: a page of header
            long bytes = query.answered() ? query.regionBytes(entries, PAGE)
                    : hdr + ((entries * UapiLayouts.IO_URING_ZCRX_RQE.byteSize() + PAGE - 1) / PAGE) * PAGE;
            String rqName = name + "_rq";
            session.resources().checkNewName(rqName);
            try {
                rq = session.resources().buffers().allocatePages(rqName, bytes);
            } catch (BufferException e) {
                throw new ConsoleException(e.getMessage());
            }
            JournalWrites.bufferAllocated(session, rq, 0, 0);
            session.output().text("refill queue @" + rqName + ": " + bytes + " bytes of user memory ("
                    + (query.answered() ? "IO_URING_QUERY_ZCRX: rq_hdr_size " + query.rqHdrSize() + ", rq_hdr_alignment "
                    + query.rqHdrAlignment() : "no IO_URING_QUERY_ZCRX answer (" + query.result() + "): a page of header")
                    + ", " + entries + " rqes of " + UapiLayouts.IO_URING_ZCRX_RQE.byteSize() + " bytes)");
        }
        SessionBuffer areaBuffer = area;
        SessionBuffer rqBuffer = rq;
        Optional<ZcrxIfq> source = exporter;
        try {
            RegisterArgument reg = ZcrxArgs.ifqIn(rs.ring().arena(), ifIndex, args.number("rxq"), entries, flags,
                    args.number("rx_buf_len"), area == null ? null : area.segment(), rq == null ? null : rq.segment(), events);
            ZcrxRegisterCalls.call(session, rs, reg, args.optionalNumber("expect").map(Object::toString), call -> {
                byte[] answer = call.argAfter();
                int id = (int) reg.field(answer, "zcrx_id");
                ZcrxIfq ifq;
                if (importing) {
                    ZcrxRefillQueue shared = source.map(ZcrxIfq::rq).orElse(null);
                    ifq = new ZcrxIfq(name, rs.name(), id, shared, source.map(ZcrxIfq::name).orElse("an fd not exported here"));
                } else {
                    // the kernel pinned both: they stay allocated until the ring closes
                    session.resources().pin(rs.name(), areaBuffer.name(), "zcrx ifq " + name + "'s area");
                    session.resources().pin(rs.name(), rqBuffer.name(), "zcrx ifq " + name + "'s refill queue");
                    ifq = new ZcrxIfq(name, rs.name(), id, new ZcrxRefillQueue(rqBuffer.name(), rqBuffer.segment(),
                            (int) reg.field(answer, "rq_entries"), reg.field(answer, "offsets.head"),
                            reg.field(answer, "offsets.tail"), reg.field(answer, "offsets.rqes"),
                            areaBuffer.segment(), reg.pointedField("area_ptr", "rq_area_token")), "");
                }
                session.resources().zcrx().add(ifq);
                session.output().text("zcrx ifq " + name + ": zcrx_id " + id + " on ring " + rs.name()
                        + " (zcrx_ifq_idx=" + id + " in RECV_ZC); 'zcrx show " + name + "' shows it");
            });
        } catch (RuntimeException e) {
            freeUnregistered(session, rqBuffer, name);
            throw e;
        }
        if (session.resources().zcrx().find(name).isEmpty()) {
            freeUnregistered(session, rqBuffer, name); // refused (as expected): the queue memory has no user
        }
    }

    private static void freeUnregistered(Session session, SessionBuffer rq, String name) {
        if (rq != null && session.resources().zcrx().find(name).isEmpty() && !rq.isFreed()) {
            session.resources().buffers().free(rq.name());
            JournalWrites.bufferFreed(session, rq.name());
        }
    }

    /** zcrx_event_desc.type_mask: a bit per ZCRX_EVENT_* type named (COPY|ALLOC_FAIL). */
    private static long eventMask(String events, Args args) {
        long mask = 0;
        for (String name : events.split("\\|")) {
            try {
                mask |= 1L << dev.ringside.decoders.flags.FlagSets.ZCRX_EVENT_TYPE.parse(name.trim());
            } catch (dev.ringside.decoders.values.ValueException e) {
                throw args.error("events", "events: " + e.getMessage());
            }
        }
        return mask;
    }

    /** A network interface by index or by name (read from /sys/class/net/NAME/ifindex). */
    private static long ifIndex(String value) {
        if (Values.looksNumeric(value)) {
            return Long.decode(value);
        }
        try {
            return Long.parseLong(Files.readString(Path.of("/sys/class/net", value, "ifindex")).trim());
        } catch (IOException | NumberFormatException | java.nio.file.InvalidPathException e) {
            String[] names = new java.io.File("/sys/class/net").list();
            throw new ConsoleException("no network interface '" + value + "'; interfaces: "
                    + (names == null ? "(none)" : String.join(", ", java.util.Arrays.stream(names).sorted().toList())), value);
        }
    }
}
