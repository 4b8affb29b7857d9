package dev.ringside.shell.command.register;

import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.decoders.codec.FieldValues;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.SqeSafety;
import dev.ringside.tracer.register.RegisterArgument;
import dev.ringside.tracer.register.RingArgs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The register opcodes between rings: resize_rings, clone_buffers and send_msg_ring (which needs no ring). */
final class RegisterRings {
    private RegisterRings() {
    }

    /** MSG_RING's field names, as {@code sqe msg_ring} takes them. */
    private static final Opcode MSG_RING = dev.ringside.decoders.catalog.Catalog.builtin().opcode("MSG_RING");

    static void add(Map<String, RegisterCommand.Kind> k) {
        k.put("resize_rings", RegisterCommand.kind(List.of("RESIZE_RINGS"), 
                "resize_rings sq_entries=N [cq_entries=N] [flags=CQSIZE|CLAMP] (cq_entries= sets CQSIZE)",
                List.of("sq_entries", "cq_entries", "flags"), RegisterRings::resize));
        k.put("clone_buffers", RegisterCommand.kind(List.of("CLONE_BUFFERS"), 
                "clone_buffers ring=NAME|src_fd=%RING [src_off=N] [dst_off=N] [nr=N] [flags=SRC_REGISTERED|DST_REPLACE]",
                List.of("ring", "src_fd", "src_off", "dst_off", "nr", "flags"), RegisterRings::cloneBuffers));
        List<String> msgFields = new ArrayList<>(dev.ringside.decoders.catalog.Catalog.builtin().fieldNames(MSG_RING));
        msgFields.remove("opcode");
        k.put("send_msg_ring", RegisterCommand.kind(List.of("SEND_MSG_RING"), 
                "send_msg_ring ring_fd=%RING [command=DATA] [result=N] [cqe_user_data=N] [msg_ring_flags=F] (an SQE as "
                        + "'sqe msg_ring' takes it, sent with fd -1, without a ring)", msgFields, RegisterRings::sendMsgRing));
    }

    private static RegisterPlan resize(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        long sq = ctx.required("sq_entries", 1, 0xffff_ffffL);
        long flags = ctx.flags("flags", FlagSets.SETUP);
        long cq = 0;
        if (ctx.args().has("cq_entries")) {
            cq = ctx.number("cq_entries", 0, 1, 0xffff_ffffL);
            flags |= SetupFlag.CQSIZE.value();
        }
        RegisterArgument params = RingArgs.resize(ctx.arena(), sq, cq, flags);
        String name = ctx.rs().name();
        return RegisterPlan.of(params).then(call -> {
                    ctx.session().output().text("  " + name + " now has " + params.field(call.argAfter(), "sq_entries")
                            + " SQ entries and " + params.field(call.argAfter(), "cq_entries") + " CQ entries in new memory");
                    ctx.session().retire(name, "ring " + name + " was resized (IORING_REGISTER_RESIZE_RINGS): the kernel "
                            + "moved its rings and SQEs and ringside does not remap them, so its mappings show the old "
                            + "ones; 'ring info " + name + "' shows what it had, 'ring close " + name + "' releases it");
                    ctx.session().output().text("  ringside does not remap a resized ring: " + name
                            + " is refused from now on; close it and create one with the new sizes");
                });
    }

    private static RegisterPlan cloneBuffers(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        if (ctx.args().has("ring") == ctx.args().has("src_fd")) {
            throw new ConsoleException("clone_buffers takes the source as ring=NAME or src_fd=%RING, one of them; usage: "
                    + ctx.usage());
        }
        RingSession src = ctx.args().option("ring").map(a -> ctx.session().ring(a.value())).orElse(null);
        int srcFd = src != null ? src.ring().fd() : (int) ctx.number("src_fd", 0, 0, Integer.MAX_VALUE);
        String srcName = src != null ? src.name() : ctx.session().rings().values().stream()
                .filter(r -> r.ring().fd() == srcFd).map(RingSession::name).findFirst().orElse(null);
        RegisterArgument clone = RingArgs.cloneBuffers(ctx.arena(), srcFd, ctx.flags("flags", FlagSets.CLONE_BUFFERS),
                ctx.number("src_off", 0, 0, 0xffff_ffffL), ctx.number("dst_off", 0, 0, 0xffff_ffffL),
                ctx.number("nr", 0, 0, 0xffff_ffffL));
        String dst = ctx.rs().name();
        return RegisterPlan.of(clone).then(call -> {
                    // the destination now holds the source's pages too: they stay allocated for both
                    var pins = ctx.session().resources().pins().stream().filter(p -> p.ring().equals(srcName)).toList();
                    for (var pin : pins) {
                        ctx.session().resources().pin(dst, pin.buffer(), pin.why() + " of " + srcName + ", cloned");
                        ctx.session().output().text("  " + dst + " shares @" + pin.buffer() + " (" + pin.why() + " of "
                                + srcName + ")");
                    }
                });
    }

    private static RegisterPlan sendMsgRing(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        SqeDraft draft = new SqeDraft(MSG_RING);
        for (String name : ctx.session().catalog().fieldNames(MSG_RING)) {
            ctx.args().option(name).ifPresent(a -> set(ctx, draft, a));
        }
        RegisterArgument sqe = RingArgs.sendMsgRing(ctx.arena(), draft, ctx.rs().memory());
        // the same rule as a submitted SQE: the kernel reads this one too (docs/SAFETY.md)
        SqeSafety.checkSubmit(ctx.session(), ctx.rs(), draft, sqe.bytes());
        // the kernel reads one SQE, IORING_OP_MSG_RING data only, from fd -1
        return RegisterPlan.of(sqe);
    }

    private static void set(RegisterContext ctx, SqeDraft draft, Assignment a) {
        try {
            SqeField f = ctx.session().catalog().field(MSG_RING, a.name());
            draft.set(f, FieldValues.parse(f, ctx.session().resources().expand(f, a.value())), a.value());
        } catch (ValueException e) {
            throw a.error(e.getMessage());
        }
    }
}
