package dev.ringside.shell.command.zcrx;

import dev.ringside.decoders.flags.RegisterOp;
import dev.ringside.decoders.flags.ZcrxRegFlag;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.command.register.ZcrxRegisterCalls;
import dev.ringside.shell.command.register.ZcrxRegisterCalls.Pointed;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.tracer.memory.BufferException;
import dev.ringside.tracer.memory.SessionBuffer;
import dev.ringside.tracer.register.Structs;
import dev.ringside.tracer.register.ZcrxIfq;
import dev.ringside.tracer.register.ZcrxQuery;
import dev.ringside.tracer.register.ZcrxRefillQueue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private static final StructLayout REG = UapiLayouts.IO_URING_ZCRX_IFQ_REG;
    private static final StructLayout AREA = UapiLayouts.IO_URING_ZCRX_AREA_REG;
    private static final StructLayout DESC = UapiLayouts.IO_URING_REGION_DESC;
    private static final StructLayout EVENT_DESC = UapiLayouts.ZCRX_EVENT_DESC;
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
        MemorySegment reg = Structs.allocate(rs.ring().arena(), REG);
        Structs.set(reg, REG, "flags", flags);
        // an import takes the exporter's queue: the kernel refuses rq_entries, area and region with it
        long entries = args.optionalNumber("rq_entries").orElse(importing ? 0L : DEFAULT_RQ_ENTRIES);
        Structs.set(reg, REG, "rq_entries", entries);
        Structs.set(reg, REG, "if_rxq", args.number("rxq"));
        Structs.set(reg, REG, "rx_buf_len", args.number("rx_buf_len"));
        List<Pointed> pointed = new ArrayList<>();
        args.optionalText("events").ifPresent(events -> {
            MemorySegment desc = Structs.allocate(rs.ring().arena(), EVENT_DESC);
            Structs.set(desc, EVENT_DESC, "user_data", args.number("event_user_data"));
            Structs.set(desc, EVENT_DESC, "type_mask", eventMask(events, args));
            Structs.set(reg, REG, "event_desc", desc.address());
            pointed.add(new Pointed(desc, EVENT_DESC));
        });
        Optional<ZcrxIfq> exporter = Optional.empty();
        SessionBuffer area = null;
        SessionBuffer rq = null;
        MemorySegment areaReg = MemorySegment.NULL;
        if (importing) {
            String from = args.optionalText("from").orElseThrow(() -> args.error("from",
                    "flags=IMPORT needs from=FD, the fd 'zcrx ctrl export NAME' returned ($NAME.export)"));
            int fd = session.resources().fd(from.startsWith("$") ? from.substring(1) : from).fd();
            exporter = session.resources().zcrx().exportedAs(fd);
            Structs.set(reg, REG, "if_idx", fd);
        } else {
            if (args.has("from")) {
                throw args.error("from", "from= is the exported fd of flags=IMPORT; add IMPORT to flags= or leave from= out");
            }
            String areaName = args.optionalText("area").orElseThrow(() -> args.error("area",
                    "zcrx register needs area=BUF, whole pages to receive into: buf alloc A 4096 pages"));
            area = session.resources().buffer(areaName);
            Structs.set(reg, REG, "if_idx", args.optionalText("if").map(ZcrxRegister::ifIndex).orElse(0L));
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
            areaReg = Structs.allocate(rs.ring().arena(), AREA);
            Structs.set(areaReg, AREA, "addr", area.address(0));
            Structs.set(areaReg, AREA, "len", area.size());
            MemorySegment desc = Structs.allocate(rs.ring().arena(), DESC);
            Structs.set(desc, DESC, "user_addr", rq.address(0));
            Structs.set(desc, DESC, "size", rq.size());
            Structs.set(desc, DESC, "flags", dev.ringside.decoders.flags.MemRegionType.USER.value());
            Structs.set(reg, REG, "area_ptr", areaReg.address());
            Structs.set(reg, REG, "region_ptr", desc.address());
            pointed.add(new Pointed(areaReg, AREA));
            pointed.add(new Pointed(desc, DESC));
        }
        SessionBuffer areaBuffer = area;
        SessionBuffer rqBuffer = rq;
        MemorySegment areaStruct = areaReg;
        Optional<ZcrxIfq> source = exporter;
        try {
            // nr_args 1, as liburing's io_uring_register_ifq: the kernel refuses any other count with -EINVAL
            ZcrxRegisterCalls.call(session, rs, false, (int) RegisterOp.ZCRX_IFQ.value(), reg, 1, REG, pointed,
                    args.optionalNumber("expect").map(Object::toString), call -> {
                        int id = (int) Structs.get(reg, REG, "zcrx_id");
                        ZcrxIfq ifq;
                        if (importing) {
                            ZcrxRefillQueue shared = source.map(ZcrxIfq::rq).orElse(null);
                            ifq = new ZcrxIfq(name, rs.name(), id, shared, source.map(ZcrxIfq::name).orElse("an fd not exported here"));
                        } else {
                            // the kernel pinned both: they stay allocated until the ring closes
                            session.resources().pin(rs.name(), areaBuffer.name(), "zcrx ifq " + name + "'s area");
                            session.resources().pin(rs.name(), rqBuffer.name(), "zcrx ifq " + name + "'s refill queue");
                            ifq = new ZcrxIfq(name, rs.name(), id, new ZcrxRefillQueue(rqBuffer.name(), rqBuffer.segment(),
                                    (int) Structs.get(reg, REG, "rq_entries"), Structs.get(reg, REG, "offsets.head"),
                                    Structs.get(reg, REG, "offsets.tail"), Structs.get(reg, REG, "offsets.rqes"),
                                    areaBuffer.segment(), Structs.get(areaStruct, AREA, "rq_area_token")), "");
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
