package dev.ringside.shell.command.register;

import dev.ringside.decoders.flags.RegisterOp;
import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.decoders.flags.ZcrxRegFlag;
import dev.ringside.decoders.values.Errno;
import dev.ringside.shell.session.KernelTrials;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.probe.RegisterQuery;
import dev.ringside.tracer.register.RegisterArgument;
import dev.ringside.tracer.register.RegisterCall;
import dev.ringside.decoders.register.RegisterOpcodes;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The line under a rejected io_uring_register call. What it says the kernel lacks comes from the kernel:
 * a trial IORING_REGISTER_QUERY on a throwaway ring (made once per session, {@link KernelTrials}) tells how many register
 * opcodes it knows and which zcrx flags. An errno alone never makes it say a feature is missing; where
 * the kernel knows the opcode, the line says so, and what about the arguments is known to be refused.
 */
final class RegisterHints {
    private RegisterHints() {
    }

    /** The hint for a failed call, or "" when nothing is established beyond the errno. */
    static String missing(Session session, RingSession rs, RegisterCall call) {
        if (call.errno() != Errno.EINVAL.number()) {
            return "";
        }
        RegisterQuery kernel = KernelTrials.query(session);
        String release = RegisterCommand.release();
        String name = RegisterCall.name(call.opcode()).orElse("register opcode " + Integer.toUnsignedString(call.opcode()));
        String catalogue = RegisterCall.name(call.opcode()).isPresent() ? ""
                : "register opcode " + Integer.toUnsignedString(call.opcode()) + " is not one the catalogue knows (0.."
                        + (dev.ringside.decoders.flags.FlagSets.REGISTER_OP.flags().size() - 1) + "); ";
        if (call.opcode() == RegisterOp.QUERY.value() && kernel.lacksQuery()) {
            return "kernel " + release + " does not know IORING_REGISTER_QUERY (35): a trial query with nr_args 0 answered "
                    + Errno.describeResult(-kernel.queryErrno());
        }
        OptionalInt knows = kernel.knows(call.opcode());
        if (knows.isEmpty()) {
            return catalogue.isEmpty() ? "" : catalogue.substring(0, catalogue.length() - 2);
        }
        int known = kernel.registerOpcodes().getAsInt();
        if (knows.getAsInt() == 0) {
            return catalogue + "kernel " + release + " does not know " + name + " (" + Integer.toUnsignedString(call.opcode())
                    + "): a trial IORING_REGISTER_QUERY says it knows register opcodes 0.." + (known - 1);
        }
        return catalogue + "kernel " + release + " knows " + name + " (a trial IORING_REGISTER_QUERY says 0.." + (known - 1)
                + "), so the -EINVAL is about the call" + about(kernel, rs, call).map(a -> ": " + a).orElse("");
    }

    /** What about this call the kernel's code is known to refuse with -EINVAL, when the call shows it. */
    private static Optional<String> about(RegisterQuery kernel, RingSession rs, RegisterCall call) {
        RegisterOp op = java.util.Arrays.stream(RegisterOp.values()).filter(o -> o.value() == Integer.toUnsignedLong(call.opcode()))
                .findFirst().orElse(null);
        if (op == null) {
            return Optional.empty();
        }
        return switch (op) {
            case QUERY -> call.nrArgs() != 0
                    ? Optional.of("IORING_REGISTER_QUERY takes nr_args 0 (the chain's headers say how long it is), not " + call.nrArgs())
                    : Optional.empty();
            case RESIZE_RINGS -> rs != null && !rs.ring().has(SetupFlag.DEFER_TASKRUN)
                    ? Optional.of("IORING_REGISTER_RESIZE_RINGS needs a ring set up with DEFER_TASKRUN, and " + rs.name() + " was not")
                    : Optional.empty();
            case FILE_ALLOC_RANGE -> Optional.of("the range must lie inside the registered file table (register files first)"
                    + " and resv must be 0");
            case ZCRX_IFQ -> nodev(call) && kernel.zcrxRegisterFlags().isPresent()
                    && (kernel.zcrxRegisterFlags().getAsLong() & ZcrxRegFlag.NODEV.value()) == 0
                    ? Optional.of("this kernel's zcrx does not take ZCRX_REG_NODEV (a trial IO_URING_QUERY_ZCRX lists its register flags)")
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Whether a ZCRX_IFQ call asked for ZCRX_REG_NODEV, read from the bytes passed. */
    private static boolean nodev(RegisterCall call) {
        long flags = RegisterArgument.field(RegisterOpcodes.named("ZCRX_IFQ"), call.argBefore(), "flags");
        return (flags & ZcrxRegFlag.NODEV.value()) != 0;
    }
}
