package dev.ringside.shell.command.zcrx;

import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.shell.command.register.ZcrxRegisterCalls;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.tracer.register.RegisterArgument;
import dev.ringside.tracer.register.RegisterCall;
import dev.ringside.tracer.register.ZcrxArgs;
import dev.ringside.tracer.register.ZcrxIfq;

import java.util.List;

/**
 * {@code zcrx ctrl flush|export|arm_event NAME}: struct zcrx_ctrl through IORING_REGISTER_ZCRX_CTRL
 * (nr_args 0) on the ifq's ring. EXPORT's zcrx_fd, written back by the kernel, becomes the console fd
 * {@code $NAME.export}, which a second ring imports with {@code zcrx register ... flags=IMPORT from=}.
 */
final class ZcrxCtrl {
    private ZcrxCtrl() {
    }

    static void ctrl(Session session, Args args) {
        String op = args.word(0).orElseThrow();
        ZcrxIfq ifq = ZcrxShow.ifq(session, args.word(1).orElseThrow());
        RingSession rs = session.ring(ifq.ring());
        long zcrxId = args.optionalNumber("zcrx_id").orElse(Integer.toUnsignedLong(ifq.id()));
        long opValue = FlagSets.ZCRX_CTRL_OP.parse(switch (op) {
            case "flush" -> "FLUSH_RQ";
            case "export" -> "EXPORT";
            default -> "ARM_EVENT";
        });
        RegisterArgument ctrl;
        if (op.equals("arm_event")) {
            ctrl = ZcrxArgs.armEvent(rs.ring().arena(), zcrxId, opValue, args.optionalNumber("event")
                    .orElseThrow(() -> args.error("event", "arm_event needs event=, a ZCRX_EVENT_* type (COPY, ALLOC_FAIL)")));
        } else if (args.has("event")) {
            throw args.error("event", "event= is for arm_event only");
        } else {
            ctrl = ZcrxArgs.ctrl(rs.ring().arena(), zcrxId, opValue, 0);
        }
        RegisterCall answer = ZcrxRegisterCalls.call(session, rs, ctrl, args.optionalNumber("expect").map(Object::toString), call -> {
            if (op.equals("export")) {
                int fd = exportedFd(ctrl, call);
                String fdName = ifq.name() + ".export";
                session.resources().addFd(fdName, fd, "zcrx ifq " + ifq.name() + " exported (ZCRX_CTRL_EXPORT)");
                session.resources().zcrx().exported(fd, ifq);
                session.output().text("$" + fdName + " = fd " + fd + "  (zcrx ifq " + ifq.name()
                        + " exported: zcrx register NAME flags=IMPORT from=$" + fdName + " on another ring)");
            }
        });
        if (op.equals("export") && !answer.failed()) {
            // after the Registered event, so export c takes the fd from the struct the kernel wrote back
            dev.ringside.shell.export.JournalWrites.fdsOpened(session, "zcrx_export", List.of(Integer.toUnsignedLong(ifq.id())), "",
                    List.of(ifq.name() + ".export"), List.of(exportedFd(ctrl, answer)));
        }
    }

    /** zc_export.zcrx_fd as the kernel wrote it back. */
    private static int exportedFd(RegisterArgument ctrl, RegisterCall call) {
        return (int) ctrl.field(call.argAfter(), "zc_export.zcrx_fd");
    }
}
