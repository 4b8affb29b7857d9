package dev.ringside.shell.command.register;

import dev.ringside.shell.command.NamedArgs;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.register.RegisterArgument;
import dev.ringside.tracer.register.ZcrxArgs;

import java.io.IOException;
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
        k.put("zcrx_ifq", RegisterCommand.kind(List.of("ZCRX_IFQ"), 
                "zcrx_ifq [if=NAME|INDEX] [rxq=N] rq_entries=N [flags=NODEV|IMPORT] [area=BYTES]",
                List.of("if", "rxq", "rq_entries", "flags", "area"), RegisterZcrx::ifq));
        k.put("zcrx_ctrl", RegisterCommand.kind(List.of("ZCRX_CTRL"), "zcrx_ctrl op=FLUSH_RQ|EXPORT zcrx_id=N [nr=N]",
                List.of("op", "zcrx_id", "nr"), RegisterZcrx::ctrl));
    }

    private static RegisterPlan ifq(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        long entries = ctx.required("rq_entries", 1, 32768);
        long areaBytes = ctx.number("area", 16 * PAGE, PAGE, 1L << 30);
        long ifIndex = ctx.args().option("if").map(RegisterZcrx::ifIndex).orElse(0L);
        RegisterArgument reg;
        try {
            reg = ZcrxArgs.ifq(ctx.arena(), ctx.session().resources().registrations(), ctx.rs().name(), ifIndex,
                    ctx.number("rxq", 0, 0, 0xffff_ffffL), entries, ctx.flags("flags", FlagSets.ZCRX_REG), areaBytes);
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        return RegisterPlan.of(reg).then(call -> ctx.session().output().text("  zcrx_id " + reg.field(call.argAfter(), "zcrx_id")));
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
        // the kernel takes the struct itself with nr_args 0
        return RegisterPlan.of(ZcrxArgs.ctrl(ctx.arena(), ctx.required("zcrx_id", 0, 0xffff_ffffL), op,
                (int) ctx.number("nr", 0, 0, 0xffff_ffffL)));
    }
}
