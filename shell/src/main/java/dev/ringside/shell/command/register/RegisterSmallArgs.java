package dev.ringside.shell.command.register;

import dev.ringside.shell.command.NamedArgs;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.flags.NapiOp;
import dev.ringside.decoders.flags.RegisterOp;
import dev.ringside.decoders.flags.RestrictionOp;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;
import dev.ringside.tracer.register.RegisterCall;
import dev.ringside.tracer.register.Structs;
import dev.ringside.tracer.sys.SyscallException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The register opcodes that take one small struct or none: probe, personality, io-wq, napi, clock, ... and raw. */
final class RegisterSmallArgs {
    private RegisterSmallArgs() {
    }

    /** io_uring_probe holds at most 256 ops: op is a __u8. */
    private static final int PROBE_OPS = 256;

    static void add(Map<String, RegisterCommand.Kind> k) {
        k.put("probe", new RegisterCommand.Kind("probe", List.of(), RegisterSmallArgs::probe));
        k.put("personality", new RegisterCommand.Kind("personality", List.of(), c -> none(c, RegisterOp.PERSONALITY)));
        k.put("enable_rings", new RegisterCommand.Kind("enable_rings", List.of(), c -> none(c, RegisterOp.ENABLE_RINGS)));
        k.put("restrictions", new RegisterCommand.Kind(
                "restrictions [register_op=A|B] [sqe_op=READ|WRITE] [sqe_flags_allowed=F] [sqe_flags_required=F]",
                List.of("register_op", "sqe_op", "sqe_flags_allowed", "sqe_flags_required"), RegisterSmallArgs::restrictions));
        k.put("iowq_max_workers", new RegisterCommand.Kind("iowq_max_workers bound=N unbound=M (0 reads without changing)",
                List.of("bound", "unbound"), RegisterSmallArgs::iowqMaxWorkers));
        k.put("napi", new RegisterCommand.Kind("napi busy_poll_to=USEC [prefer_busy_poll=0|1]"
                + " [opcode=REGISTER_OP|STATIC_ADD_ID|STATIC_DEL_ID] [op_param=DYNAMIC|STATIC|N]",
                List.of("busy_poll_to", "prefer_busy_poll", "opcode", "op_param"), RegisterSmallArgs::napi));
        k.put("clock", new RegisterCommand.Kind("clock clockid=MONOTONIC|BOOTTIME|N", List.of("clockid"), RegisterSmallArgs::clock));
        k.put("sync_cancel", new RegisterCommand.Kind(
                "sync_cancel [user_data=N] [fd=$FD] [flags=ALL|FD|ANY|FD_FIXED|USERDATA|OP] [opcode=OP] [timeout=1s]",
                List.of("user_data", "fd", "flags", "opcode", "timeout"), RegisterSmallArgs::syncCancel));
        k.put("mem_region", new RegisterCommand.Kind("mem_region size=BYTES [flags=WAIT_ARG]", List.of("size", "flags"),
                RegisterSmallArgs::memRegion));
        k.put("raw", new RegisterCommand.Kind("raw op=NAME|NUMBER [arg=@BUF[+OFF]] [nr=N]", List.of("op", "arg", "nr"),
                RegisterSmallArgs::raw));
    }

    static int op(RegisterOp op) {
        return (int) op.value();
    }

    static RegisterPlan none(RegisterContext ctx, RegisterOp op) {
        ctx.args().noMoreWords(0, ctx.usage());
        RegisterPlan plan = RegisterPlan.of(op(op), null, 0, null);
        return op == RegisterOp.PERSONALITY ? plan.then(call -> ctx.session().output().text(
                "  personality id " + call.result() + ": use personality=" + call.result() + " in an SQE")) : plan;
    }

    private static RegisterPlan probe(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        StructLayout layout = UapiLayouts.ioUringProbe(PROBE_OPS);
        MemorySegment probe = Structs.allocate(ctx.arena(), layout);
        long header = UapiLayouts.IO_URING_PROBE.byteSize();
        return RegisterPlan.of(op(RegisterOp.PROBE), probe, PROBE_OPS,
                m -> "  struct io_uring_probe with ops[" + PROBE_OPS + "] (zeroed)\n").then(call -> {
                    StringBuilder out = new StringBuilder("  last_op " + Structs.get(probe, layout, "last_op")
                            + ", ops_len " + Structs.get(probe, layout, "ops_len") + "\n");
                    int len = (int) Structs.get(probe, layout, "ops_len");
                    for (int i = 0; i < len; i++) {
                        MemorySegment op = probe.asSlice(header + i * UapiLayouts.IO_URING_PROBE_OP.byteSize(),
                                UapiLayouts.IO_URING_PROBE_OP.byteSize());
                        int number = (int) Structs.get(op, UapiLayouts.IO_URING_PROBE_OP, "op");
                        long flags = Structs.get(op, UapiLayouts.IO_URING_PROBE_OP, "flags");
                        out.append(String.format("  %3d  %-20s %s%n", number, ctx.session().catalog().opcodeName(number),
                                FlagSets.PROBE_OP.format(flags)));
                    }
                    ctx.session().output().text(out.toString());
                });
    }

    private static RegisterPlan restrictions(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        List<long[]> entries = new ArrayList<>();
        ctx.args().option("register_op").ifPresent(a -> split(a).forEach(w -> entries.add(new long[]{
                RestrictionOp.REGISTER_OP.value(), parse(a, w, FlagSets.REGISTER_OP)})));
        ctx.args().option("sqe_op").ifPresent(a -> split(a).forEach(w -> entries.add(new long[]{
                RestrictionOp.SQE_OP.value(), sqeOp(ctx, a, w)})));
        ctx.args().option("sqe_flags_allowed").ifPresent(a -> entries.add(new long[]{
                RestrictionOp.SQE_FLAGS_ALLOWED.value(), parse(a, a.value(), FlagSets.SQE)}));
        ctx.args().option("sqe_flags_required").ifPresent(a -> entries.add(new long[]{
                RestrictionOp.SQE_FLAGS_REQUIRED.value(), parse(a, a.value(), FlagSets.SQE)}));
        if (entries.isEmpty()) {
            throw new ConsoleException("restrictions needs at least one; usage: " + ctx.usage());
        }
        StructLayout layout = UapiLayouts.IO_URING_RESTRICTION;
        MemorySegment array = Structs.allocateArray(ctx.arena(), layout, entries.size());
        for (int i = 0; i < entries.size(); i++) {
            MemorySegment r = Structs.element(array, layout, i);
            Structs.set(r, layout, "opcode", entries.get(i)[0]);
            // register_op, sqe_op and sqe_flags share one byte
            Structs.set(r, layout, "register_op", entries.get(i)[1]);
        }
        return RegisterPlan.of(op(RegisterOp.RESTRICTIONS), array.asSlice(0, layout.byteSize() * entries.size()),
                entries.size(), RegisterViews.structs(ctx.session().catalog(), layout));
    }

    /** Restriction values are one per entry, so {@code sqe_op=READ|WRITE} makes two entries. */
    private static List<String> split(Assignment a) {
        return List.of(a.value().split("\\|"));
    }

    private static long parse(Assignment a, String text, dev.ringside.decoders.flags.FlagSet set) {
        try {
            return set.parse(text);
        } catch (ValueException e) {
            throw a.error(a.name() + ": " + e.getMessage());
        }
    }

    private static long sqeOp(RegisterContext ctx, Assignment a, String text) {
        try {
            Opcode op = ctx.session().catalog().opcode(text);
            return op.number();
        } catch (ValueException e) {
            throw a.error(a.name() + ": " + e.getMessage());
        }
    }

    private static RegisterPlan iowqMaxWorkers(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        MemorySegment counts = ctx.arena().allocate(ValueLayout.JAVA_INT, 2);
        counts.setAtIndex(ValueLayout.JAVA_INT, 0, (int) ctx.number("bound", 0, 0, 0xffff_ffffL));
        counts.setAtIndex(ValueLayout.JAVA_INT, 1, (int) ctx.number("unbound", 0, 0, 0xffff_ffffL));
        // the kernel answers with the previous limits in the same two __u32
        return RegisterPlan.of(op(RegisterOp.IOWQ_MAX_WORKERS), counts, 2,
                RegisterViews.ints("__u32[2]", List.of("bound", "unbound"))).then(call -> ctx.session().output().text(
                        "  previous limits: bound=" + Integer.toUnsignedString(counts.getAtIndex(ValueLayout.JAVA_INT, 0))
                                + " unbound=" + Integer.toUnsignedString(counts.getAtIndex(ValueLayout.JAVA_INT, 1))));
    }

    private static RegisterPlan napi(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        StructLayout layout = UapiLayouts.IO_URING_NAPI;
        MemorySegment napi = Structs.allocate(ctx.arena(), layout);
        Structs.set(napi, layout, "busy_poll_to", ctx.required("busy_poll_to", 0, 0xffff_ffffL));
        Structs.set(napi, layout, "prefer_busy_poll", ctx.number("prefer_busy_poll", 0, 0, 1));
        long opcode = ctx.flags("opcode", FlagSets.NAPI_OP);
        Structs.set(napi, layout, "opcode", opcode);
        // op_param is a tracking strategy for REGISTER_OP, a NAPI id for the STATIC_*_ID ops
        Structs.set(napi, layout, "op_param", opcode == NapiOp.REGISTER_OP.value()
                ? ctx.flags("op_param", FlagSets.NAPI_TRACKING) : ctx.number("op_param", 0, 0, 0xffff_ffffL));
        return RegisterPlan.of(op(RegisterOp.NAPI), napi, 1, RegisterViews.struct(ctx.session().catalog(), layout))
                .writesBack().then(call -> {
                    if (!call.failed() && opcode == NapiOp.REGISTER_OP.value()) {
                        // the kernel answers REGISTER_OP with its settings before the call, the strategy in op_param
                        ctx.session().output().text("  tracking before: "
                                + FlagSets.NAPI_TRACKING.format(Structs.get(napi, layout, "op_param")));
                    }
                });
    }

    private static RegisterPlan clock(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        Assignment a = ctx.args().option("clockid").orElseThrow(() -> new ConsoleException(
                "clock needs clockid=MONOTONIC|BOOTTIME|N; usage: " + ctx.usage()));
        long id = switch (a.value().toUpperCase(Locale.ROOT).replaceFirst("^CLOCK_", "")) {
            case "MONOTONIC" -> 1;   // CLOCK_MONOTONIC, <linux/time.h>
            case "BOOTTIME" -> 7;    // CLOCK_BOOTTIME
            case "REALTIME" -> 0;    // CLOCK_REALTIME: the kernel refuses it, which is worth showing
            default -> {
                if (!Values.looksNumeric(a.value())) {
                    throw a.error("clockid is MONOTONIC, BOOTTIME, REALTIME or a number, not '" + a.value() + "'");
                }
                yield NamedArgs.number(a);
            }
        };
        StructLayout layout = UapiLayouts.IO_URING_CLOCK_REGISTER;
        MemorySegment clock = Structs.allocate(ctx.arena(), layout);
        Structs.set(clock, layout, "clockid", id);
        return RegisterPlan.of(op(RegisterOp.CLOCK), clock, 0, RegisterViews.struct(ctx.session().catalog(), layout));
    }

    private static RegisterPlan syncCancel(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        StructLayout layout = UapiLayouts.IO_URING_SYNC_CANCEL_REG;
        MemorySegment reg = Structs.allocate(ctx.arena(), layout);
        ctx.args().option("user_data").ifPresent(a -> Structs.set(reg, layout, "addr", NamedArgs.number(a)));
        Structs.set(reg, layout, "fd", ctx.args().option("fd").map(a -> ctx.fd(a.value())).orElse(-1));
        Structs.set(reg, layout, "flags", ctx.flags("flags", FlagSets.ASYNC_CANCEL));
        ctx.args().option("opcode").ifPresent(a -> Structs.set(reg, layout, "opcode", sqeOp(ctx, a, a.value())));
        // bounded like every wait of the console: 1s unless told
        long nanos = ctx.args().option("timeout").map(WaitLimit::parse).orElse(1_000_000_000L);
        Structs.set(reg, layout, "timeout.tv_sec", nanos / 1_000_000_000L);
        Structs.set(reg, layout, "timeout.tv_nsec", nanos % 1_000_000_000L);
        // the kernel's wait is not interruptible from the JVM: made of short calls that Ctrl-C stops between
        ctx.session().resetCancel();
        return RegisterPlan.of(op(RegisterOp.SYNC_CANCEL), reg, 1, RegisterViews.struct(ctx.session().catalog(), layout))
                .invokedBy(new SyncCancelSlices(nanos, ctx.session()::cancelled, RegisterCall::invoke));
    }

    private static RegisterPlan memRegion(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        long size = ctx.required("size", 1, 1L << 30);
        MemorySegment memory;
        try {
            memory = ctx.session().resources().registrations().map(ctx.rs().name(), size);
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        MemorySegment desc = ctx.userRegion(memory);
        StructLayout layout = UapiLayouts.IO_URING_MEM_REGION_REG;
        MemorySegment reg = Structs.allocate(ctx.arena(), layout);
        Structs.set(reg, layout, "region_uptr", desc.address());
        Structs.set(reg, layout, "flags", ctx.flags("flags", FlagSets.MEM_REGION_REG));
        var regView = RegisterViews.struct(ctx.session().catalog(), layout);
        var descView = RegisterViews.struct(ctx.session().catalog(), UapiLayouts.IO_URING_REGION_DESC);
        return RegisterPlan.of(op(RegisterOp.MEM_REGION), reg, 1, m -> regView.apply(m) + descView.apply(desc));
    }

    private static RegisterPlan raw(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        Assignment opWord = ctx.args().option("op").orElseThrow(() -> new ConsoleException(
                "raw needs op=NAME|NUMBER; usage: " + ctx.usage()));
        long op = parse(opWord, opWord.value(), FlagSets.REGISTER_OP);
        long nr = ctx.number("nr", 0, 0, 0xffff_ffffL);
        MemorySegment arg = ctx.args().option("arg").map(a -> rawArg(ctx, a)).orElse(MemorySegment.NULL);
        ctx.args().option("arg").ifPresent(a -> rawArgIsSafe(ctx, a, op, nr, arg));
        return RegisterPlan.of((int) op, arg, (int) nr, m -> RegisterCommand.bufferName(ctx.session(), m.address())
                .isEmpty() ? "" : "  arg" + RegisterCommand.bufferName(ctx.session(), arg.address()) + ", "
                + arg.byteSize() + " bytes\n").writesBack();
    }

    /**
     * Outside unsafe mode 'register raw' hands the kernel memory only for opcodes whose argument
     * holds no address and whose size is known (the CPU mask of IOWQ_AFF, IOWQ_MAX_WORKERS' two
     * counts), and only when that size fits in the buffer; every other opcode's argument holds
     * pointers or fds the console cannot check (BUFFERS' iovecs, PBUF_RING's ring address).
     */
    private static void rawArgIsSafe(RegisterContext ctx, Assignment a, long op, long nr, MemorySegment arg) {
        if (ctx.session().unsafe()) {
            return;
        }
        long bytes;
        if (op == RegisterOp.IOWQ_AFF.value()) {
            bytes = nr;
        } else if (op == RegisterOp.IOWQ_MAX_WORKERS.value()) {
            bytes = 8;
        } else {
            throw a.error("register raw op=" + dev.ringside.decoders.flags.FlagSets.REGISTER_OP.format(op) + " with arg= is unsafe: its argument may hold"
                    + " addresses or fds the console cannot check; use the structured 'register KIND' (help register)"
                    + " or 'set unsafe on'");
        }
        if (bytes > arg.byteSize()) {
            throw a.error("register raw op=" + dev.ringside.decoders.flags.FlagSets.REGISTER_OP.format(op) + " reads " + bytes + " bytes from arg, "
                    + arg.byteSize() + " left in the buffer");
        }
    }

    /** {@code @buf} or {@code @buf+16}: the rest of the buffer from there; a raw address only in unsafe mode. */
    static MemorySegment rawArg(RegisterContext ctx, Assignment a) {
        String v = a.value();
        if (v.startsWith("@")) {
            String[] parts = v.substring(1).split("\\+", 2);
            var buffer = ctx.session().resources().buffer(parts[0]);
            long off = parts.length == 2 ? NamedArgs.number(parts[1], "offset") : 0;
            try {
                buffer.address(off);
            } catch (RuntimeException e) {
                throw a.error(e.getMessage());
            }
            return buffer.segment().asSlice(off);
        }
        if (!ctx.session().unsafe()) {
            throw a.error("arg is an address: @BUF or @BUF+OFFSET; a raw number needs 'set unsafe on'");
        }
        return MemorySegment.ofAddress(NamedArgs.number(a));
    }
}
