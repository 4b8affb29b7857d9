package dev.ringside.shell.command.register;

import dev.ringside.shell.command.NamedArgs;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.flags.RegisterOp;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;
import dev.ringside.tracer.register.Registrations;
import dev.ringside.tracer.register.Structs;
import dev.ringside.tracer.sys.SyscallException;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Zero-copy receive: {@code register zcrx_ifq} (an interface queue, or ZCRX_REG_NODEV without a
 * device) with a refill-queue region and an area ringside maps, and {@code register zcrx_ctrl}
 * (IORING_REGISTER_ZCRX_CTRL: FLUSH_RQ, EXPORT). Both show the kernel's answer as it is.
 */
final class RegisterZcrx {
    private RegisterZcrx() {
    }

    private static final long PAGE = 4096;

    static void add(Map<String, RegisterCommand.Kind> k) {
        k.put("zcrx_ifq", new RegisterCommand.Kind(
                "zcrx_ifq [if=NAME|INDEX] [rxq=N] rq_entries=N [flags=NODEV|IMPORT] [area=BYTES]",
                List.of("if", "rxq", "rq_entries", "flags", "area"), RegisterZcrx::ifq));
        k.put("zcrx_ctrl", new RegisterCommand.Kind("zcrx_ctrl op=FLUSH_RQ|EXPORT zcrx_id=N [nr=N]",
                List.of("op", "zcrx_id", "nr"), RegisterZcrx::ctrl));
    }

    private static RegisterPlan ifq(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        long entries = ctx.required("rq_entries", 1, 32768);
        long areaBytes = ctx.number("area", 16 * PAGE, PAGE, 1L << 30);
        Registrations maps = ctx.session().resources().registrations();
        MemorySegment rq;
        MemorySegment area;
        try {
            // the refill queue: a struct io_uring header page, then rq_entries io_uring_zcrx_rqe
            rq = maps.map(ctx.rs().name(), PAGE + entries * UapiLayouts.IO_URING_ZCRX_RQE.byteSize());
            area = maps.map(ctx.rs().name(), areaBytes);
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        MemorySegment desc = ctx.userRegion(rq);
        StructLayout areaLayout = UapiLayouts.IO_URING_ZCRX_AREA_REG;
        MemorySegment areaReg = Structs.allocate(ctx.arena(), areaLayout);
        Structs.set(areaReg, areaLayout, "addr", area.address());
        Structs.set(areaReg, areaLayout, "len", area.byteSize());
        StructLayout layout = UapiLayouts.IO_URING_ZCRX_IFQ_REG;
        MemorySegment reg = Structs.allocate(ctx.arena(), layout);
        Structs.set(reg, layout, "if_idx", ctx.args().option("if").map(RegisterZcrx::ifIndex).orElse(0L));
        Structs.set(reg, layout, "if_rxq", ctx.number("rxq", 0, 0, 0xffff_ffffL));
        Structs.set(reg, layout, "rq_entries", entries);
        Structs.set(reg, layout, "flags", ctx.flags("flags", FlagSets.ZCRX_REG));
        Structs.set(reg, layout, "area_ptr", areaReg.address());
        Structs.set(reg, layout, "region_ptr", desc.address());
        var regView = RegisterViews.struct(ctx.session().catalog(), layout);
        var areaView = RegisterViews.struct(ctx.session().catalog(), areaLayout);
        var descView = RegisterViews.struct(ctx.session().catalog(), UapiLayouts.IO_URING_REGION_DESC);
        return RegisterPlan.of((int) RegisterOp.ZCRX_IFQ.value(), reg, 1,
                m -> regView.apply(m) + areaView.apply(areaReg) + descView.apply(desc)).writesBack()
                .then(call -> ctx.session().output().text("  zcrx_id " + Structs.get(reg, layout, "zcrx_id")));
    }

    /** A network interface by index or by name (read from /sys/class/net/NAME/ifindex). */
    private static long ifIndex(Assignment a) {
        if (dev.ringside.decoders.values.Values.looksNumeric(a.value())) {
            return NamedArgs.number(a);
        }
        try {
            return Long.parseLong(Files.readString(Path.of("/sys/class/net", a.value(), "ifindex")).trim());
        } catch (IOException | NumberFormatException | java.nio.file.InvalidPathException e) {
            String[] names = new java.io.File("/sys/class/net").list();
            throw a.error("no network interface '" + a.value() + "'; interfaces: "
                    + (names == null ? "(none)" : String.join(", ", java.util.Arrays.stream(names).sorted().toList())));
        }
    }

    private static RegisterPlan ctrl(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        Assignment opWord = ctx.args().option("op").orElseThrow(() -> new ConsoleException(
                "zcrx_ctrl needs op=FLUSH_RQ|EXPORT; usage: " + ctx.usage()));
        long op;
        try {
            op = FlagSets.ZCRX_CTRL_OP.parse(opWord.value());
        } catch (dev.ringside.decoders.values.ValueException e) {
            throw opWord.error("op: " + e.getMessage());
        }
        StructLayout layout = UapiLayouts.ZCRX_CTRL;
        MemorySegment ctrl = Structs.allocate(ctx.arena(), layout);
        Structs.set(ctrl, layout, "zcrx_id", ctx.required("zcrx_id", 0, 0xffff_ffffL));
        Structs.set(ctrl, layout, "op", op);
        // the kernel takes the struct itself with nr_args 0
        return RegisterPlan.of((int) RegisterOp.ZCRX_CTRL.value(), ctrl, (int) ctx.number("nr", 0, 0, 0xffff_ffffL),
                RegisterViews.struct(ctx.session().catalog(), layout)).writesBack();
    }
}
