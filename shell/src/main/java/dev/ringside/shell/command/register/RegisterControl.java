package dev.ringside.shell.command.register;

import dev.ringside.shell.command.NamedArgs;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.flags.NapiOp;
import dev.ringside.decoders.flags.RestrictionOp;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.decoders.codec.Decoded;
import dev.ringside.tracer.register.ControlArgs;
import dev.ringside.tracer.register.RegisterArgument;
import dev.ringside.tracer.register.ResourceArgs;
import dev.ringside.decoders.register.RegisterOpcodes;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The register opcodes that set or ask how a ring behaves: probe, personality, enable_rings, restrictions, io-wq limits, napi, clock, sync_cancel, mem_region. */
final class RegisterControl {
    private RegisterControl() {
    }

    /** io_uring_probe holds at most 256 ops: op is a __u8. */
    private static final int PROBE_OPS = 256;

    static void add(Map<String, RegisterCommand.Kind> k) {
        k.put("iowq_aff", RegisterCommand.kind(List.of("IOWQ_AFF"), "iowq_aff cpus=0,2-3 (a CPU mask; nr_args is its size in bytes)",
                List.of("cpus"), RegisterControl::iowqAff));
        k.put("probe", RegisterCommand.kind(List.of("PROBE"), "probe", List.of(), RegisterControl::probe));
        k.put("personality", RegisterCommand.kind(List.of("PERSONALITY"), "personality", List.of(), c -> none(c, "PERSONALITY")));
        k.put("enable_rings", RegisterCommand.kind(List.of("ENABLE_RINGS"), "enable_rings", List.of(), c -> none(c, "ENABLE_RINGS")));
        k.put("restrictions", RegisterCommand.kind(List.of("RESTRICTIONS"), 
                "restrictions [register_op=A|B] [sqe_op=READ|WRITE] [sqe_flags_allowed=F] [sqe_flags_required=F]",
                List.of("register_op", "sqe_op", "sqe_flags_allowed", "sqe_flags_required"), RegisterControl::restrictions));
        k.put("iowq_max_workers", RegisterCommand.kind(List.of("IOWQ_MAX_WORKERS"), "iowq_max_workers bound=N unbound=M (0 reads without changing)",
                List.of("bound", "unbound"), RegisterControl::iowqMaxWorkers));
        k.put("napi", RegisterCommand.kind(List.of("NAPI"), "napi busy_poll_to=USEC [prefer_busy_poll=0|1]"
                + " [opcode=REGISTER_OP|STATIC_ADD_ID|STATIC_DEL_ID] [op_param=DYNAMIC|STATIC|N]",
                List.of("busy_poll_to", "prefer_busy_poll", "opcode", "op_param"), RegisterControl::napi));
        k.put("clock", RegisterCommand.kind(List.of("CLOCK"), "clock clockid=MONOTONIC|BOOTTIME|N", List.of("clockid"), RegisterControl::clock));
        k.put("sync_cancel", RegisterCommand.kind(List.of("SYNC_CANCEL"), 
                "sync_cancel [user_data=N] [fd=$FD] [flags=ALL|FD|ANY|FD_FIXED|USERDATA|OP] [opcode=OP] [timeout=1s]",
                List.of("user_data", "fd", "flags", "opcode", "timeout"), RegisterControl::syncCancel));
        k.put("mem_region", RegisterCommand.kind(List.of("MEM_REGION"), "mem_region size=BYTES [flags=WAIT_ARG]", List.of("size", "flags"),
                RegisterControl::memRegion));
    }

    static RegisterPlan none(RegisterContext ctx, String opcode) {
        ctx.args().noMoreWords(0, ctx.usage());
        RegisterPlan plan = RegisterPlan.of(ResourceArgs.none(opcode, 0));
        return opcode.equals("PERSONALITY") ? plan.then(call -> ctx.session().output().text(
                "  personality id " + call.result() + ": use personality=" + call.result() + " in an SQE")) : plan;
    }

    private static RegisterPlan probe(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        RegisterArgument probe = ControlArgs.probe(ctx.arena(), PROBE_OPS);
        return RegisterPlan.of(probe).then(call -> {
            List<Decoded> answer = RegisterViews.decode(ctx.session(), probe, call.argAfter()).own();
            Decoded header = answer.getFirst();
            StringBuilder out = new StringBuilder("  last_op " + RegisterViews.raw(header, "last_op")
                    + ", ops_len " + RegisterViews.raw(header, "ops_len") + "\n");
            for (Decoded op : answer.subList(1, answer.size())) {
                int number = (int) RegisterViews.raw(op, "op");
                out.append(String.format("  %3d  %-20s %s%n", number, ctx.session().catalog().opcodeName(number),
                        FlagSets.PROBE_OP.format(RegisterViews.raw(op, "flags"))));
            }
            ctx.session().output().text(out.toString());
        });
    }

    private static RegisterPlan restrictions(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        List<ControlArgs.Restriction> entries = new ArrayList<>();
        ctx.args().option("register_op").ifPresent(a -> split(a).forEach(w -> entries.add(new ControlArgs.Restriction(
                RestrictionOp.REGISTER_OP.value(), parse(a, w, FlagSets.REGISTER_OP)))));
        ctx.args().option("sqe_op").ifPresent(a -> split(a).forEach(w -> entries.add(new ControlArgs.Restriction(
                RestrictionOp.SQE_OP.value(), sqeOp(ctx, a, w)))));
        ctx.args().option("sqe_flags_allowed").ifPresent(a -> entries.add(new ControlArgs.Restriction(
                RestrictionOp.SQE_FLAGS_ALLOWED.value(), parse(a, a.value(), FlagSets.SQE))));
        ctx.args().option("sqe_flags_required").ifPresent(a -> entries.add(new ControlArgs.Restriction(
                RestrictionOp.SQE_FLAGS_REQUIRED.value(), parse(a, a.value(), FlagSets.SQE))));
        if (entries.isEmpty()) {
            throw new ConsoleException("restrictions needs at least one; usage: " + ctx.usage());
        }
        return RegisterPlan.of(ControlArgs.restrictions(ctx.arena(), entries));
    }

    /** Restriction values are one per entry, so {@code sqe_op=READ|WRITE} makes two entries. */
    private static List<String> split(Assignment a) {
        return List.of(a.value().split("\\|"));
    }

    static long parse(Assignment a, String text, dev.ringside.decoders.flags.FlagSet set) {
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
        // the kernel answers with the previous limits in the same two __u32
        return RegisterPlan.of(ControlArgs.iowqMaxWorkers(ctx.arena(), ctx.number("bound", 0, 0, 0xffff_ffffL),
                ctx.number("unbound", 0, 0, 0xffff_ffffL))).then(call -> ctx.session().output().text(
                        "  previous limits: bound=" + RegisterArgument.word(call.argAfter(), 0)
                                + " unbound=" + RegisterArgument.word(call.argAfter(), 1)));
    }

    private static RegisterPlan napi(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        long opcode = ctx.flags("opcode", FlagSets.NAPI_OP);
        // op_param is a tracking strategy for REGISTER_OP, a NAPI id for the STATIC_*_ID ops
        long opParam = opcode == NapiOp.REGISTER_OP.value()
                ? ctx.flags("op_param", FlagSets.NAPI_TRACKING) : ctx.number("op_param", 0, 0, 0xffff_ffffL);
        RegisterArgument napi = ControlArgs.napi(ctx.arena(), ctx.required("busy_poll_to", 0, 0xffff_ffffL),
                ctx.number("prefer_busy_poll", 0, 0, 1), opcode, opParam);
        return RegisterPlan.of(napi).then(call -> {
            if (opcode == NapiOp.REGISTER_OP.value()) {
                // the kernel answers REGISTER_OP with its settings before the call, the strategy in op_param
                ctx.session().output().text("  tracking before: "
                        + FlagSets.NAPI_TRACKING.format(napi.field(call.argAfter(), "op_param")));
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
        return RegisterPlan.of(ControlArgs.clock(ctx.arena(), id));
    }

    private static RegisterPlan syncCancel(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        long userData = ctx.args().option("user_data").map(NamedArgs::number).orElse(0L);
        int fd = ctx.args().option("fd").map(a -> ctx.fd(a.value())).orElse(-1);
        long opcode = ctx.args().option("opcode").map(a -> sqeOp(ctx, a, a.value())).orElse(-1L);
        // bounded like every wait of the console: 1s unless told
        long nanos = ctx.args().option("timeout").map(WaitLimit::parse).orElse(1_000_000_000L);
        return RegisterPlan.of(ControlArgs.syncCancel(ctx.arena(), userData, fd, ctx.flags("flags", FlagSets.ASYNC_CANCEL),
                opcode, nanos));
    }

    private static RegisterPlan memRegion(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        long size = ctx.required("size", 1, 1L << 30);
        try {
            return RegisterPlan.of(ControlArgs.memRegion(ctx.arena(), ctx.session().resources().registrations(),
                    ctx.rs().name(), size, ctx.flags("flags", FlagSets.MEM_REGION_REG)));
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
    }

    private static RegisterPlan iowqAff(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        Assignment a = ctx.args().option("cpus").orElseThrow(() -> new ConsoleException(
                "iowq_aff needs cpus=LIST such as cpus=0 or cpus=0,2-3; usage: " + ctx.usage()));
        return RegisterPlan.of(ControlArgs.iowqAffinity(ctx.arena(), cpuList(a)));
    }

    /** {@code 0,2-3} as a set; an empty set or a malformed range is refused with the form expected. */
    static BitSet cpuList(Assignment a) {
        BitSet cpus = new BitSet();
        for (String part : a.value().split(",")) {
            String[] ends = part.split("-", 2);
            long from = number(a, ends[0]);
            long to = ends.length == 2 ? number(a, ends[1]) : from;
            if (to < from || to > 65535) {
                throw a.error("cpus: '" + part + "' is not a CPU or a range LOW-HIGH of CPUs 0..65535");
            }
            cpus.set((int) from, (int) to + 1);
        }
        return cpus;
    }

    private static long number(Assignment a, String word) {
        if (word.isBlank()) {
            throw a.error("cpus is a list such as 0,2-3, not '" + a.value() + "'");
        }
        return NamedArgs.number(word.strip(), "cpus");
    }
}
