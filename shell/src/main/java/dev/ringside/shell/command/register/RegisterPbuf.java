package dev.ringside.shell.command.register;

import dev.ringside.shell.command.NamedArgs;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.flags.RegisterOp;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.register.PbufRing;
import dev.ringside.tracer.register.RegisterCall;
import dev.ringside.tracer.register.Registrations;
import dev.ringside.tracer.register.Structs;
import dev.ringside.tracer.sys.SyscallException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Provided-buffer rings: {@code register pbuf_ring group=G entries=N size=S} maps a ring and N
 * buffers, registers it and hands every buffer to the kernel, which picks one per request with
 * IOSQE_BUFFER_SELECT and buf_group=G (the CQE carries F_BUFFER and the bid); {@code mem pbuf G}.
 */
public final class RegisterPbuf {
    private RegisterPbuf() {
    }

    static void add(Map<String, RegisterCommand.Kind> k) {
        k.put("pbuf_ring", new RegisterCommand.Kind("pbuf_ring group=G entries=N size=BYTES [flags=INC]",
                List.of("group", "entries", "size", "flags"), RegisterPbuf::pbufRing));
        k.put("pbuf_status", new RegisterCommand.Kind("pbuf_status group=G", List.of("group"), RegisterPbuf::status));
    }

    private static RegisterPlan pbufRing(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        int group = (int) ctx.required("group", 0, 0xffff);
        long entries = ctx.required("entries", 1, PbufRing.MAX_ENTRIES);
        if (Long.bitCount(entries) != 1) {
            throw ctx.args().option("entries").orElseThrow().error("entries must be a power of two (1.."
                    + PbufRing.MAX_ENTRIES + "), not " + entries);
        }
        int size = (int) ctx.required("size", 1, 1 << 20);
        int flags = (int) ctx.flags("flags", FlagSets.PBUF_RING);
        if ((flags & 1) != 0) {
            throw ctx.args().option("flags").orElseThrow().error("flags=MMAP (kernel-allocated ring memory) is not "
                    + "supported: ringside provides the ring memory itself; INC is the only flag it takes");
        }
        Registrations registrations = ctx.session().resources().registrations();
        if (registrations.pbufRing(ctx.rs().name(), group).isPresent()) {
            // still sent: the kernel's -EEXIST is the answer to show
            ctx.session().output().text("  group " + group + " is already registered on " + ctx.rs().name());
        }
        PbufRing pbuf;
        try {
            pbuf = PbufRing.map(group, (int) entries, size);
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        MemorySegment reg = pbuf.registration(ctx.arena(), flags);
        return RegisterPlan.of((int) RegisterOp.PBUF_RING.value(), reg, 1,
                RegisterViews.struct(ctx.session().catalog(), UapiLayouts.IO_URING_BUF_REG)).always(call -> {
                    if (call.failed()) {
                        unmap(pbuf);
                        return;
                    }
                    if (registrations.pbufRing(ctx.rs().name(), group).isEmpty()) {
                        registrations.addPbufRing(ctx.rs().name(), pbuf);
                    }
                    pbuf.provideAll();
                    ctx.session().output().text("  group " + group + ": " + entries + " buffers (bid 0.." + (entries - 1)
                            + ") of " + size + " bytes provided, tail " + pbuf.tail()
                            + "; use flags=BUFFER_SELECT buf_group=" + group + ", see 'mem pbuf " + group + "'");
                });
    }

    private static void unmap(PbufRing pbuf) {
        try {
            pbuf.close();
        } catch (SyscallException e) {
            // never registered: nothing else holds it
        }
    }

    private static RegisterPlan status(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        MemorySegment status = Structs.allocate(ctx.arena(), UapiLayouts.IO_URING_BUF_STATUS);
        Structs.set(status, UapiLayouts.IO_URING_BUF_STATUS, "buf_group", ctx.required("group", 0, 0xffff));
        return RegisterPlan.of((int) RegisterOp.PBUF_STATUS.value(), status, 1,
                RegisterViews.struct(ctx.session().catalog(), UapiLayouts.IO_URING_BUF_STATUS)).writesBack();
    }

    /** unregister pbuf_ring group=G: the kernel lets go of the ring, then its memory is unmapped. */
    static RegisterPlan unregister(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        int group = (int) ctx.required("group", 0, 0xffff);
        MemorySegment reg = Structs.allocate(ctx.arena(), UapiLayouts.IO_URING_BUF_REG);
        Structs.set(reg, UapiLayouts.IO_URING_BUF_REG, "bgid", group);
        return RegisterPlan.of((int) RegisterOp.UNREGISTER_PBUF_RING.value(), reg, 1,
                RegisterViews.struct(ctx.session().catalog(), UapiLayouts.IO_URING_BUF_REG)).then(call -> {
                    try {
                        ctx.session().resources().registrations().removePbufRing(ctx.rs().name(), group);
                    } catch (SyscallException e) {
                        throw new ConsoleException(e.getMessage());
                    }
                });
    }

    /** {@code mem pbuf G}: the kernel's head (PBUF_STATUS), our tail, and each slot with its buffer. */
    public static void show(Session session, String groupWord) {
        RingSession rs = session.currentRing();
        Registrations registrations = session.resources().registrations();
        int group = (int) NamedArgs.number(groupWord, "group");
        Optional<PbufRing> found = registrations.pbufRing(rs.name(), group);
        if (found.isEmpty()) {
            List<Integer> groups = registrations.pbufGroups(rs.name());
            throw new ConsoleException("no buffer ring group " + groupWord + " on " + rs.name()
                    + (groups.isEmpty() ? "; make one with 'register pbuf_ring group=G entries=N size=BYTES'"
                    : "; groups: " + groups), groupWord);
        }
        PbufRing pbuf = found.get();
        MemorySegment status = pbuf.statusArgument(rs.ring().arena());
        RegisterCall call = RegisterCall.invoke(rs.ring().fd(), (int) RegisterOp.PBUF_STATUS.value(), status, 1);
        session.journal().record(new dev.ringside.tracer.journal.Event.Syscall(session.journal().now(), rs.name(),
                "io_uring_register", List.of(RegisterOp.PBUF_STATUS.value(), status.address(), 1L), call.result(),
                call.nanos()));
        int tail = pbuf.tail();
        StringBuilder out = new StringBuilder("buffer ring group " + group + " of " + rs.name() + " (live): "
                + pbuf.entries() + " entries of " + pbuf.bufferSize() + "-byte buffers, ring at 0x"
                + Long.toHexString(pbuf.ringAddress()) + "\n");
        Integer head = null;
        if (call.failed()) {
            out.append("  head          ? (IORING_REGISTER_PBUF_STATUS: ").append(
                    dev.ringside.decoders.values.Errno.describeResult((int) call.result())).append(", needs 6.8)\n");
        } else {
            head = (int) PbufRing.head(status);
            out.append("  head          ").append(head & 0xffff).append("   (kernel: buffers taken)\n");
        }
        out.append("  tail          ").append(tail).append("   (ours: buffers provided)\n");
        if (head != null) {
            out.append("  available     ").append((tail - head) & 0xffff).append('\n');
        }
        List<PbufSlotView> slots = new java.util.ArrayList<>();
        for (int slot = 0; slot < pbuf.entries(); slot++) {
            MemorySegment entry = pbuf.entry(slot);
            int bid = (int) Structs.get(entry, UapiLayouts.IO_URING_BUF, "bid");
            long len = Structs.get(entry, UapiLayouts.IO_URING_BUF, "len");
            String state = head == null ? "" : taken(slot, head, tail, pbuf.entries()) ? "taken    " : "available";
            long addr = Structs.get(entry, UapiLayouts.IO_URING_BUF, "addr");
            out.append(String.format("  [%d] %s bid=%d len=%d addr=0x%x %s%n", slot, state, bid, len, addr,
                    preview(pbuf.buffer(bid))));
            slots.add(new PbufSlotView(slot, state.isEmpty() ? null : state.strip(), bid, len,
                    dev.ringside.shell.session.Output.unsigned(addr)));
        }
        session.output().result("pbuf_ring", new PbufView(rs.name(), group, pbuf.entries(), pbuf.bufferSize(),
                head == null ? null : head & 0xffff, tail, slots), out.toString());
    }

    /** A provided-buffer ring as 'mem pbuf --json' shows it; head is null when PBUF_STATUS is refused. */
    record PbufView(String ring, int group, int entries, long bufferSize, Integer head, int tail, List<PbufSlotView> slots) {
    }

    record PbufSlotView(int slot, String state, int bid, long len, Number addr) {
    }

    /** Whether the slot's latest position lies before the head: the kernel already took it. */
    private static boolean taken(int slot, int head, int tail, int entries) {
        int position = tail - 1 - ((tail - 1 - slot) & (entries - 1));
        return (short) (position - head) < 0;
    }

    /** The first bytes of a buffer, as text where printable. */
    private static String preview(MemorySegment buffer) {
        byte[] bytes = buffer.asSlice(0, Math.min(16, buffer.byteSize())).toArray(ValueLayout.JAVA_BYTE);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        if (end == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < end; i++) {
            char c = (char) (bytes[i] & 0xff);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", bytes[i] & 0xff));
        }
        return out.append(buffer.byteSize() > 16 ? "\"..." : "\"").toString();
    }
}
