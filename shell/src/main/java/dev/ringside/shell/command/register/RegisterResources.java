package dev.ringside.shell.command.register;

import dev.ringside.decoders.flags.RegisterOp;
import dev.ringside.decoders.flags.RsrcRegisterFlag;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.memory.SessionBuffer;
import dev.ringside.tracer.register.Iovecs;
import dev.ringside.tracer.register.Structs;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fixed buffers and files, their updates, eventfds, the file allocation range and registered ring fds. */
final class RegisterResources {
    private RegisterResources() {
    }

    static void add(Map<String, RegisterCommand.Kind> k) {
        k.put("buffers", new RegisterCommand.Kind("buffers BUF... | buffers sparse=N", List.of("sparse"),
                RegisterResources::buffers));
        k.put("buffers_update", new RegisterCommand.Kind("buffers_update off=N BUF...", List.of("off"),
                RegisterResources::buffersUpdate));
        k.put("files", new RegisterCommand.Kind("files $FD... | files sparse=N", List.of("sparse"),
                RegisterResources::files));
        k.put("files_update", new RegisterCommand.Kind("files_update off=N $FD|-1...", List.of("off"),
                RegisterResources::filesUpdate));
        k.put("eventfd", new RegisterCommand.Kind("eventfd $E.fd [async=1]", List.of("async"),
                RegisterResources::eventfd));
        k.put("file_alloc_range", new RegisterCommand.Kind("file_alloc_range off=N len=N", List.of("off", "len"),
                RegisterResources::fileAllocRange));
        k.put("ring_fds", new RegisterCommand.Kind("ring_fds [offset=N]", List.of("offset"),
                RegisterResources::ringFds));
    }

    private static int op(RegisterOp op) {
        return (int) op.value();
    }

    private static RegisterPlan buffers(RegisterContext ctx) {
        if (ctx.args().has("sparse")) {
            ctx.args().noMoreWords(0, ctx.usage());
            return sparse(ctx, RegisterOp.BUFFERS2);
        }
        List<SessionBuffer> bufs = sessionBuffers(ctx, ctx.words(0));
        MemorySegment iov = iovecs(ctx, bufs);
        return RegisterPlan.of(op(RegisterOp.BUFFERS), iov, bufs.size(),
                RegisterViews.iovecs(a -> RegisterCommand.bufferName(ctx.session(), a)))
                .then(call -> pin(ctx, bufs, 0));
    }

    private static RegisterPlan buffersUpdate(RegisterContext ctx) {
        int off = (int) ctx.required("off", 0, 0xffff_ffffL);
        List<SessionBuffer> bufs = sessionBuffers(ctx, ctx.words(0));
        MemorySegment update = update2(ctx, off, iovecs(ctx, bufs), bufs.size());
        return RegisterPlan.of(op(RegisterOp.BUFFERS_UPDATE), update, (int) UapiLayouts.IO_URING_RSRC_UPDATE2.byteSize(),
                RegisterViews.struct(ctx.session().catalog(), UapiLayouts.IO_URING_RSRC_UPDATE2))
                .then(call -> pin(ctx, bufs, off));
    }

    private static RegisterPlan files(RegisterContext ctx) {
        if (ctx.args().has("sparse")) {
            ctx.args().noMoreWords(0, ctx.usage());
            return sparse(ctx, RegisterOp.FILES2);
        }
        MemorySegment fds = fdArray(ctx, ctx.words(0));
        return RegisterPlan.of(op(RegisterOp.FILES), fds, (int) (fds.byteSize() / 4),
                RegisterViews.ints("fds", List.of())).then(call -> ctx.session().output().text(
                        "  fixed files 0.." + (fds.byteSize() / 4 - 1) + ": use fd=INDEX with flags=FIXED_FILE"));
    }

    private static RegisterPlan filesUpdate(RegisterContext ctx) {
        int off = (int) ctx.required("off", 0, 0xffff_ffffL);
        MemorySegment fds = fdArray(ctx, ctx.words(0));
        MemorySegment update = update2(ctx, off, fds, (int) (fds.byteSize() / 4));
        return RegisterPlan.of(op(RegisterOp.FILES_UPDATE2), update, (int) UapiLayouts.IO_URING_RSRC_UPDATE2.byteSize(),
                RegisterViews.struct(ctx.session().catalog(), UapiLayouts.IO_URING_RSRC_UPDATE2));
    }

    private static RegisterPlan eventfd(RegisterContext ctx) {
        String word = ctx.args().word(0, ctx.usage());
        ctx.args().noMoreWords(1, ctx.usage());
        MemorySegment fd = ctx.arena().allocate(ValueLayout.JAVA_INT);
        fd.set(ValueLayout.JAVA_INT, 0, ctx.fd(word));
        boolean async = ctx.number("async", 0, 0, 1) == 1;
        return RegisterPlan.of(op(async ? RegisterOp.EVENTFD_ASYNC : RegisterOp.EVENTFD), fd, 1,
                RegisterViews.ints("eventfd", List.of()));
    }

    private static RegisterPlan fileAllocRange(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        StructLayout layout = UapiLayouts.IO_URING_FILE_INDEX_RANGE;
        MemorySegment range = Structs.allocate(ctx.arena(), layout);
        Structs.set(range, layout, "off", ctx.required("off", 0, 0xffff_ffffL));
        Structs.set(range, layout, "len", ctx.required("len", 0, 0xffff_ffffL));
        // the kernel takes the range itself and wants nr_args 0
        return RegisterPlan.of(op(RegisterOp.FILE_ALLOC_RANGE), range, 0,
                RegisterViews.struct(ctx.session().catalog(), layout));
    }

    private static RegisterPlan ringFds(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        StructLayout layout = UapiLayouts.IO_URING_RSRC_UPDATE;
        MemorySegment update = Structs.allocate(ctx.arena(), layout);
        // offset -1 lets the kernel pick a free slot and write it back
        Structs.set(update, layout, "offset", ctx.number("offset", 0xffff_ffffL, 0, 0xffff_ffffL));
        Structs.set(update, layout, "data", ctx.ringFd());
        String ring = ctx.rs().name();
        // the slot the kernel chose is released before the ring closes (Registrations.releaseRingFdSlots)
        return RegisterPlan.of(op(RegisterOp.RING_FDS), update, 1, RegisterViews.struct(ctx.session().catalog(), layout))
                .writesBack().then(call -> ctx.session().resources().registrations()
                        .addRingFdSlot(ring, (int) Structs.get(update, layout, "offset")));
    }

    private static RegisterPlan sparse(RegisterContext ctx, RegisterOp op) {
        StructLayout layout = UapiLayouts.IO_URING_RSRC_REGISTER;
        MemorySegment reg = Structs.allocate(ctx.arena(), layout);
        Structs.set(reg, layout, "nr", ctx.required("sparse", 1, 0xffff_ffffL));
        Structs.set(reg, layout, "flags", RsrcRegisterFlag.SPARSE.value());
        return RegisterPlan.of(op(op), reg, (int) layout.byteSize(), RegisterViews.struct(ctx.session().catalog(), layout));
    }

    private static MemorySegment update2(RegisterContext ctx, int off, MemorySegment data, int nr) {
        StructLayout layout = UapiLayouts.IO_URING_RSRC_UPDATE2;
        MemorySegment update = Structs.allocate(ctx.arena(), layout);
        Structs.set(update, layout, "offset", off);
        Structs.set(update, layout, "data", data.address());
        Structs.set(update, layout, "nr", nr);
        return update;
    }

    private static List<SessionBuffer> sessionBuffers(RegisterContext ctx, List<String> words) {
        if (words.isEmpty()) {
            throw new ConsoleException("name the session buffers to register; usage: " + ctx.usage());
        }
        List<SessionBuffer> out = new ArrayList<>();
        for (String w : words) {
            out.add(ctx.session().resources().buffer(w.startsWith("@") ? w.substring(1) : w));
        }
        return out;
    }

    private static MemorySegment iovecs(RegisterContext ctx, List<SessionBuffer> bufs) {
        List<Iovecs.Span> spans = bufs.stream().map(b -> new Iovecs.Span(b.address(0), b.size())).toList();
        return Iovecs.of(ctx.arena(), spans);
    }

    private static MemorySegment fdArray(RegisterContext ctx, List<String> words) {
        if (words.isEmpty()) {
            throw new ConsoleException("name the fds to register ($p.r, a number, or -1 for an empty slot); usage: "
                    + ctx.usage());
        }
        MemorySegment fds = ctx.arena().allocate(ValueLayout.JAVA_INT, words.size());
        for (int i = 0; i < words.size(); i++) {
            fds.setAtIndex(ValueLayout.JAVA_INT, i, ctx.fd(words.get(i)));
        }
        return fds;
    }

    /** The kernel pinned the pages: the buffers may not be freed until unregistered or the ring closes. */
    private static void pin(RegisterContext ctx, List<SessionBuffer> bufs, int first) {
        for (int i = 0; i < bufs.size(); i++) {
            ctx.session().resources().pin(ctx.rs().name(), bufs.get(i).name(), "fixed buffer " + (first + i));
            ctx.session().output().text("  buf_index " + (first + i) + " = @" + bufs.get(i).name()
                    + " (" + bufs.get(i).size() + " bytes)");
        }
    }
}
