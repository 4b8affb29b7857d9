package dev.ringside.shell.command;

import dev.ringside.decoders.codec.Decoded;
import dev.ringside.decoders.codec.StructDecoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.render.JsonRenderer;
import dev.ringside.shell.session.Output;
import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.render.TextRenderer;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.RingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code ring create|use|info|list|close}: the rings of the session. */
@Command(name = "ring", description = "Create, select, inspect and close io_uring instances.")
public final class RingCommand {
    static final List<String> CREATE_FIELDS = List.of("entries", "cq_entries", "flags", "sq_thread_cpu", "sq_thread_idle", "wq", "expect");

    private final Session session;

    public RingCommand(Session session) {
        this.session = session;
    }

    @Command(name = "create", description = {
        "Set up a ring with io_uring_setup and map it; show the params the kernel returned.",
        "Fields: entries=8 cq_entries=N flags=SINGLE_ISSUER|DEFER_TASKRUN sq_thread_cpu=N sq_thread_idle=MS wq=RING.",
        "cq_entries adds CQSIZE; wq attaches to another ring's io-wq (ATTACH_WQ).",
        "expect=-EINVAL makes a refused setup an expectation (no ring is kept), its cause found by trial."})
    void create(@Parameters(arity = "0..*", paramLabel = "[NAME] FIELD=VALUE") List<String> words, @Mixin JsonOption json) {
        List<String> args = words == null ? List.of() : words;
        String name = null;
        List<String> fields = new ArrayList<>(args);
        // expect= may stand anywhere (record puts it right after create): NAME is the first other word
        List<String> expect = fields.stream().filter(w -> w.startsWith("expect=")).toList();
        fields.removeAll(expect);
        if (!fields.isEmpty() && !fields.getFirst().contains("=")) {
            name = fields.removeFirst();
        }
        int entries = 8;
        long flags = 0;
        int cqEntries = 0;
        int cpu = 0;
        int idle = 0;
        int wqFd = 0;
        for (Assignment a : Assignment.parseAll(fields)) {
            try {
                switch (a.name()) {
                    case "entries" -> entries = (int) Values.parseLong(a.value());
                    case "cq_entries" -> {
                        cqEntries = (int) Values.parseLong(a.value());
                        flags |= SetupFlag.CQSIZE.value();
                    }
                    case "flags" -> flags |= setupFlags().parse(a.value());
                    case "sq_thread_cpu" -> cpu = (int) Values.parseLong(a.value());
                    case "sq_thread_idle" -> idle = (int) Values.parseLong(a.value());
                    case "wq" -> {
                        wqFd = Values.looksNumeric(a.value()) ? (int) Values.parseLong(a.value())
                                : session.ring(a.value()).ring().fd();
                        flags |= SetupFlag.ATTACH_WQ.value();
                    }
                    default -> throw a.error("ring create has no field '" + a.name() + "'"
                            + Values.suggestion(a.name(), CREATE_FIELDS) + "; valid: " + String.join(", ", CREATE_FIELDS));
                }
            } catch (ValueException e) {
                throw a.error(e.getMessage());
            }
        }
        String ringName = name == null ? session.nextRingName() : name;
        RingConfig config = new RingConfig(entries, flags, cqEntries, cpu, idle, wqFd);
        if (!expect.isEmpty()) {
            SetupExpectation.check(session, ringName, config, Assignment.parseAll(expect).getLast());
            return;
        }
        RingSession rs = session.createRing(ringName, config);
        show(rs);
    }

    @Command(name = "use", description = "Make NAME the ring that sqe/submit/mem act on.")
    void use(@Parameters(paramLabel = "NAME") String name) {
        session.use(name);
        session.out().println("using ring " + name);
    }

    @Command(name = "info", description = "Show a ring's params, features and offsets (the current ring by default).")
    void info(@Parameters(arity = "0..1", paramLabel = "NAME") String name, @Mixin JsonOption json) {
        RingSession rs = name == null ? session.currentRing() : session.ring(name);
        show(rs);
    }

    @Command(name = "list", description = "List the session's rings.")
    void list(@Mixin JsonOption json) {
        if (session.rings().isEmpty()) {
            session.output().text("no rings");
        }
        session.rings().values().forEach(rs -> session.output().result("ring", view(rs, false),
                (session.currentName().orElse("").equals(rs.name()) ? "* " : "  ") + rs.name() + "  fd " + rs.ring().fd()
                        + "  sq " + rs.ring().sqEntries() + "  cq " + rs.ring().cqEntries()
                        + "  " + setupFlags().format(rs.ring().setupFlags())));
    }

    @Command(name = "close", description = "Close a ring: unmap its memory and close its fd (the current ring by default).")
    void close(@Parameters(arity = "0..1", paramLabel = "NAME") String name) {
        String target = name == null ? session.currentName().orElseGet(() -> session.currentRing().name()) : name;
        session.closeRing(target);
        session.out().println("closed ring " + target);
    }

    /** A ring as --json shows it; with its params decoded field by field for create and info. */
    record RingView(String name, boolean current, int fd, int sqEntries, int cqEntries, int sqeSize, int cqeSize,
                    long flags, List<String> flagNames, long features, List<String> featureNames, JsonNode params) {
    }

    private RingView view(RingSession rs, boolean withParams) {
        Ring ring = rs.ring();
        FlagSet features = session.catalog().flagSet(FlagSets.FEATURES.name());
        return new RingView(rs.name(), session.currentName().orElse("").equals(rs.name()), ring.fd(), ring.sqEntries(),
                ring.cqEntries(), ring.sqeSize(), ring.cqeSize(), ring.setupFlags(), Output.names(setupFlags(), ring.setupFlags()),
                ring.features(), Output.names(features, ring.features()), withParams ? JsonRenderer.tree(params(rs)) : null);
    }

    private void show(RingSession rs) {
        session.output().result("ring", view(rs, true), describe(rs));
    }

    /** Setup flags as the session's catalogue knows them: a loaded profile may add some (BPF_EXT). */
    private dev.ringside.decoders.flags.FlagSet setupFlags() {
        return session.catalog().flagSet(FlagSets.SETUP.name());
    }

    /** The params the kernel filled in, decoded field by field with flag and feature names. */
    String describe(RingSession rs) {
        return TextRenderer.render(params(rs));
    }

    private Decoded params(RingSession rs) {
        Ring ring = rs.ring();
        return StructDecoder.decode(UapiLayouts.IO_URING_PARAMS, ring.params(),
                "ring " + rs.name() + ": fd " + ring.fd() + ", " + ring.sqEntries() + " SQ entries, "
                        + ring.cqEntries() + " CQ entries, " + ring.sqeSize() + "-byte SQEs, " + ring.cqeSize() + "-byte CQEs",
                Map.of("flags", setupFlags()::format,
                        "features", session.catalog().flagSet(FlagSets.FEATURES.name())::format));
    }

}
