package dev.ringside.shell.command.register;

import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.register.BufferRingArgs;
import dev.ringside.tracer.register.PbufRing;
import dev.ringside.tracer.register.Registrations;
import dev.ringside.tracer.sys.SyscallException;

import java.util.List;
import java.util.Map;

/**
 * Provided-buffer rings: {@code register pbuf_ring group=G entries=N size=S} maps a ring and N
 * buffers, registers it and hands every buffer to the kernel, which picks one per request with
 * IOSQE_BUFFER_SELECT and buf_group=G (the CQE carries F_BUFFER and the bid); {@code mem pbuf G} shows it.
 * With flags=MMAP the kernel allocates the ring and the console maps it from the ring fd once registered;
 * {@code pbuf add} gives consumed buffers back.
 */
final class RegisterPbuf {
    private RegisterPbuf() {
    }

    static void add(Map<String, RegisterCommand.Kind> k) {
        k.put("pbuf_ring", RegisterCommand.kind(List.of("PBUF_RING"), "pbuf_ring group=G entries=N size=BYTES [flags=INC|MMAP]",
                List.of("group", "entries", "size", "flags"), RegisterPbuf::pbufRing));
        k.put("pbuf_status", RegisterCommand.kind(List.of("PBUF_STATUS"), "pbuf_status group=G", List.of("group"), RegisterPbuf::status));
    }

    private static RegisterPlan pbufRing(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        int group = (int) ctx.required("group", 0, 0xffff);
        long entries = ctx.required("entries", 1, PbufRing.MAX_ENTRIES);
        // with expect= the kernel's own refusal (-EINVAL) is the answer to show, as liburing's tests check it
        if (Long.bitCount(entries) != 1 && ctx.args().option("expect").isEmpty()) {
            throw ctx.args().option("entries").orElseThrow().error("entries must be a power of two (1.."
                    + PbufRing.MAX_ENTRIES + "), not " + entries);
        }
        int size = (int) ctx.required("size", 1, 1 << 20);
        int flags = (int) ctx.flags("flags", FlagSets.PBUF_RING);
        boolean kernelRing = (flags & (int) FlagSets.PBUF_RING.parse("MMAP")) != 0;
        Registrations registrations = ctx.session().resources().registrations();
        if (registrations.pbufRing(ctx.rs().name(), group).isPresent()) {
            // still sent: the kernel's -EEXIST is the answer to show
            ctx.session().output().text("  group " + group + " is already registered on " + ctx.rs().name());
        }
        PbufRing pbuf;
        try {
            pbuf = kernelRing ? PbufRing.kernelAllocated(group, (int) entries, size) : PbufRing.map(group, (int) entries, size);
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        return RegisterPlan.of(BufferRingArgs.register(ctx.arena(), pbuf, flags)).always(call -> {
                    if (call.failed()) {
                        unmap(pbuf);
                        return;
                    }
                    if (registrations.pbufRing(ctx.rs().name(), group).isPresent()) {
                        unmap(pbuf); // the kernel kept the first one (it would have said -EEXIST)
                        return;
                    }
                    if (kernelRing) {
                        try {
                            // IORING_OFF_PBUF_RING | bgid << IORING_OFF_PBUF_SHIFT, as io_uring_setup_buf_ring maps it
                            pbuf.mapKernelRing(ctx.rs().ring().fd());
                        } catch (SyscallException e) {
                            unmap(pbuf);
                            throw new ConsoleException("group " + group + " is registered but its kernel ring could not be mapped (offset 0x"
                                    + Long.toHexString(PbufRing.mmapOffset(group)) + "): " + e.getMessage()
                                    + "; 'unregister pbuf_ring group=" + group + "' frees it");
                        }
                    }
                    registrations.addPbufRing(ctx.rs().name(), pbuf, kernelRing ? ctx.rs().ring().fd() : -1);
                    pbuf.provideAll();
                    ctx.session().output().text("  group " + group + ": " + entries + " buffers (bid 0.." + (entries - 1)
                            + ") of " + size + " bytes provided, tail " + pbuf.tail()
                            + (kernelRing ? ", ring mapped from the kernel at 0x" + Long.toHexString(pbuf.ringAddress()) : "")
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
        return RegisterPlan.of(BufferRingArgs.status(ctx.arena(), (int) ctx.required("group", 0, 0xffff)));
    }

    /** unregister pbuf_ring group=G: the kernel lets go of the ring, then its memory is unmapped. */
    static RegisterPlan unregister(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        int group = (int) ctx.required("group", 0, 0xffff);
        return RegisterPlan.of(BufferRingArgs.unregister(ctx.arena(), group)).then(call -> {
                    try {
                        ctx.session().resources().registrations().removePbufRing(ctx.rs().name(), group);
                    } catch (SyscallException e) {
                        throw new ConsoleException(e.getMessage());
                    }
                });
    }
}
