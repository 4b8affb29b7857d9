package dev.ringside.shell.command.register;

import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.memory.SessionBuffer;
import dev.ringside.tracer.register.Iovecs;
import dev.ringside.tracer.register.ResourceArgs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fixed buffers and files, their updates, eventfds, the file allocation range and registered ring fds. */
final class RegisterResources {
    private RegisterResources() {
    }

    static void add(Map<String, RegisterCommand.Kind> k) {
        k.put("buffers", RegisterCommand.kind(List.of("BUFFERS", "BUFFERS2"), "buffers BUF... | buffers sparse=N", List.of("sparse"),
                RegisterResources::buffers));
        k.put("buffers_update", RegisterCommand.kind(List.of("BUFFERS_UPDATE"), "buffers_update off=N BUF...", List.of("off"),
                RegisterResources::buffersUpdate));
        k.put("files", RegisterCommand.kind(List.of("FILES", "FILES2"), "files $FD... | files sparse=N", List.of("sparse"),
                RegisterResources::files));
        k.put("files_update", RegisterCommand.kind(List.of("FILES_UPDATE2"), "files_update off=N $FD|-1...", List.of("off"),
                RegisterResources::filesUpdate));
        k.put("eventfd", RegisterCommand.kind(List.of("EVENTFD", "EVENTFD_ASYNC"), "eventfd $E.fd [async=1]", List.of("async"),
                RegisterResources::eventfd));
        k.put("file_alloc_range", RegisterCommand.kind(List.of("FILE_ALLOC_RANGE"), "file_alloc_range off=N len=N", List.of("off", "len"),
                RegisterResources::fileAllocRange));
        k.put("ring_fds", RegisterCommand.kind(List.of("RING_FDS"), "ring_fds [offset=N]", List.of("offset"),
                RegisterResources::ringFds));
    }

    private static RegisterPlan buffers(RegisterContext ctx) {
        if (ctx.args().has("sparse")) {
            ctx.args().noMoreWords(0, ctx.usage());
            return RegisterPlan.of(ResourceArgs.sparse(ctx.arena(), true, ctx.required("sparse", 1, 0xffff_ffffL)));
        }
        List<SessionBuffer> bufs = sessionBuffers(ctx, ctx.words(0));
        return RegisterPlan.of(ResourceArgs.buffers(ctx.arena(), spans(bufs))).then(call -> pin(ctx, bufs, 0));
    }

    private static RegisterPlan buffersUpdate(RegisterContext ctx) {
        int off = (int) ctx.required("off", 0, 0xffff_ffffL);
        List<SessionBuffer> bufs = sessionBuffers(ctx, ctx.words(0));
        return RegisterPlan.of(ResourceArgs.buffersUpdate(ctx.arena(), off, spans(bufs))).then(call -> pin(ctx, bufs, off));
    }

    private static RegisterPlan files(RegisterContext ctx) {
        if (ctx.args().has("sparse")) {
            ctx.args().noMoreWords(0, ctx.usage());
            return RegisterPlan.of(ResourceArgs.sparse(ctx.arena(), false, ctx.required("sparse", 1, 0xffff_ffffL)));
        }
        List<Integer> fds = fds(ctx, ctx.words(0));
        return RegisterPlan.of(ResourceArgs.files(ctx.arena(), fds)).then(call -> ctx.session().output().text(
                "  fixed files 0.." + (fds.size() - 1) + ": use fd=INDEX with flags=FIXED_FILE"));
    }

    private static RegisterPlan filesUpdate(RegisterContext ctx) {
        int off = (int) ctx.required("off", 0, 0xffff_ffffL);
        return RegisterPlan.of(ResourceArgs.filesUpdate(ctx.arena(), off, fds(ctx, ctx.words(0))));
    }

    private static RegisterPlan eventfd(RegisterContext ctx) {
        String word = ctx.args().word(0, ctx.usage());
        ctx.args().noMoreWords(1, ctx.usage());
        int fd = ctx.fd(word);
        boolean async = ctx.number("async", 0, 0, 1) == 1;
        return RegisterPlan.of(ResourceArgs.eventfd(ctx.arena(), fd, async));
    }

    private static RegisterPlan fileAllocRange(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        return RegisterPlan.of(ResourceArgs.fileAllocRange(ctx.arena(), ctx.required("off", 0, 0xffff_ffffL),
                ctx.required("len", 0, 0xffff_ffffL)));
    }

    private static RegisterPlan ringFds(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        // offset -1 lets the kernel pick a free slot and write it back
        return RegisterPlan.of(ResourceArgs.ringFd(ctx.arena(), ctx.number("offset", 0xffff_ffffL, 0, 0xffff_ffffL), ctx.ringFd()));
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

    private static List<Iovecs.Span> spans(List<SessionBuffer> bufs) {
        return bufs.stream().map(b -> new Iovecs.Span(b.address(0), b.size())).toList();
    }

    private static List<Integer> fds(RegisterContext ctx, List<String> words) {
        if (words.isEmpty()) {
            throw new ConsoleException("name the fds to register ($p.r, a number, or -1 for an empty slot); usage: "
                    + ctx.usage());
        }
        return words.stream().map(ctx::fd).toList();
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
