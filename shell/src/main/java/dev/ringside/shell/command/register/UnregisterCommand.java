package dev.ringside.shell.command.register;

import dev.ringside.shell.command.JsonOption;
import dev.ringside.decoders.flags.RegisterOp;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.tracer.register.Structs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code unregister WHAT}: the IORING_UNREGISTER_* half of each pair, shown like {@code register}. */
@Command(name = "unregister", description = {
    "io_uring_register's unregister opcodes on the current ring: unregister buffers|files|eventfd|napi|iowq_aff,",
    "unregister personality id=N, unregister pbuf_ring group=G, unregister ring_fds offset=N. 'unregister' lists them."})
public final class UnregisterCommand implements Runnable, Declared {
    private final Session session;

    @Parameters(arity = "0..*", paramLabel = "WHAT [ARGS]")
    List<String> words;

    @Mixin
    JsonOption json;

    public UnregisterCommand(Session session) {
        this.session = session;
    }

    @Override
    public List<Syntax> syntaxes() {
        return List.of(RegisterKinds.syntax("unregister", "Undo a registration on the current ring; unregister alone lists every WHAT.", session));
    }

    static final Map<String, RegisterCommand.Kind> KINDS = kinds();

    private static Map<String, RegisterCommand.Kind> kinds() {
        Map<String, RegisterCommand.Kind> k = new TreeMap<>();
        k.put("buffers", new RegisterCommand.Kind("buffers", List.of(), c -> RegisterSmallArgs.none(c, RegisterOp.UNREGISTER_BUFFERS)
                .then(call -> c.session().resources().unpin(c.rs().name()))));
        k.put("files", new RegisterCommand.Kind("files", List.of(), c -> RegisterSmallArgs.none(c, RegisterOp.UNREGISTER_FILES)));
        k.put("eventfd", new RegisterCommand.Kind("eventfd", List.of(), c -> RegisterSmallArgs.none(c, RegisterOp.UNREGISTER_EVENTFD)));
        k.put("iowq_aff", new RegisterCommand.Kind("iowq_aff", List.of(), c -> RegisterSmallArgs.none(c, RegisterOp.UNREGISTER_IOWQ_AFF)));
        k.put("napi", new RegisterCommand.Kind("napi", List.of(), UnregisterCommand::napi));
        k.put("personality", new RegisterCommand.Kind("personality id=N", List.of("id"), c -> {
            c.args().noMoreWords(0, c.usage());
            // the id travels in nr_args
            return RegisterPlan.of((int) RegisterOp.UNREGISTER_PERSONALITY.value(), null,
                    (int) c.required("id", 0, 0xffff), null);
        }));
        k.put("pbuf_ring", new RegisterCommand.Kind("pbuf_ring group=G", List.of("group"), RegisterPbuf::unregister));
        k.put("ring_fds", new RegisterCommand.Kind("ring_fds offset=N", List.of("offset"), c -> {
            c.args().noMoreWords(0, c.usage());
            StructLayout layout = UapiLayouts.IO_URING_RSRC_UPDATE;
            MemorySegment update = Structs.allocate(c.arena(), layout);
            int slot = (int) c.required("offset", 0, 0xffff_ffffL);
            Structs.set(update, layout, "offset", slot);
            String ring = c.rs().name();
            return RegisterPlan.of((int) RegisterOp.UNREGISTER_RING_FDS.value(), update, 1,
                    RegisterViews.struct(c.session().catalog(), layout))
                    .then(call -> c.session().resources().registrations().removeRingFdSlot(ring, slot));
        }));
        return k;
    }

    private static RegisterPlan napi(RegisterContext c) {
        c.args().noMoreWords(0, c.usage());
        MemorySegment napi = Structs.allocate(c.arena(), UapiLayouts.IO_URING_NAPI);
        // the kernel writes the settings it had back into the struct
        return RegisterPlan.of((int) RegisterOp.UNREGISTER_NAPI.value(), napi, 1,
                RegisterViews.struct(c.session().catalog(), UapiLayouts.IO_URING_NAPI)).writesBack();
    }

    @Override
    public void run() {
        RegisterCommand.run(session, "unregister", KINDS, words);
    }
}
