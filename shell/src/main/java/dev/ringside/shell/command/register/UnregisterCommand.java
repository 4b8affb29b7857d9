package dev.ringside.shell.command.register;

import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.tracer.register.ControlArgs;
import dev.ringside.tracer.register.ResourceArgs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code unregister WHAT}: the IORING_UNREGISTER_* half of each pair, shown like {@code register}. */
public final class UnregisterCommand implements Declared {
    private final Session session;

    public UnregisterCommand(Session session) {
        this.session = session;
    }

    /** Its one name, without building its syntax (every kind's words); EveryCommandDeclaredTest: the same as the syntax's. */
    @Override
    public List<String> names() {
        return List.of("unregister");
    }

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(RegisterKinds.syntax("unregister", "Undo a registration on the current ring; unregister alone lists every WHAT.",
                session), args -> RegisterCommand.run(session, "unregister", Kinds.ALL, args.words())));
    }

    /** Every kind by its word, made at the first unregister line or Tab, not with the console (a script without it needs none). */
    static final class Kinds {
        static final Map<String, RegisterCommand.Kind> ALL = kinds();
    }

    private static Map<String, RegisterCommand.Kind> kinds() {
        Map<String, RegisterCommand.Kind> k = new TreeMap<>();
        k.put("buffers", RegisterCommand.kind(List.of("UNREGISTER_BUFFERS"), "buffers", List.of(), c -> RegisterControl.none(c, "UNREGISTER_BUFFERS")
                .then(call -> c.session().resources().unpin(c.rs().name()))));
        k.put("files", RegisterCommand.kind(List.of("UNREGISTER_FILES"), "files", List.of(), c -> RegisterControl.none(c, "UNREGISTER_FILES")));
        k.put("eventfd", RegisterCommand.kind(List.of("UNREGISTER_EVENTFD"), "eventfd", List.of(), c -> RegisterControl.none(c, "UNREGISTER_EVENTFD")));
        k.put("iowq_aff", RegisterCommand.kind(List.of("UNREGISTER_IOWQ_AFF"), "iowq_aff", List.of(), c -> RegisterControl.none(c, "UNREGISTER_IOWQ_AFF")));
        k.put("napi", RegisterCommand.kind(List.of("UNREGISTER_NAPI"), "napi", List.of(), c -> {
            c.args().noMoreWords(0, c.usage());
            // the kernel writes the settings it had back into the struct
            return RegisterPlan.of(ControlArgs.unregisterNapi(c.arena()));
        }));
        k.put("personality", RegisterCommand.kind(List.of("UNREGISTER_PERSONALITY"), "personality id=N", List.of("id"), c -> {
            c.args().noMoreWords(0, c.usage());
            // the id travels in nr_args
            return RegisterPlan.of(ResourceArgs.none("UNREGISTER_PERSONALITY", (int) c.required("id", 0, 0xffff)));
        }));
        k.put("pbuf_ring", RegisterCommand.kind(List.of("UNREGISTER_PBUF_RING"), "pbuf_ring group=G", List.of("group"), RegisterPbuf::unregister));
        k.put("ring_fds", RegisterCommand.kind(List.of("UNREGISTER_RING_FDS"), "ring_fds offset=N", List.of("offset"), c -> {
            c.args().noMoreWords(0, c.usage());
            int slot = (int) c.required("offset", 0, 0xffff_ffffL);
            String ring = c.rs().name();
            return RegisterPlan.of(ResourceArgs.unregisterRingFd(c.arena(), slot))
                    .then(call -> c.session().resources().registrations().removeRingFdSlot(ring, slot));
        }));
        return k;
    }
}
