package dev.ringside.shell.command.ring;

import dev.ringside.decoders.codec.Decoded;
import dev.ringside.decoders.codec.StructDecoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.render.JsonRenderer;
import dev.ringside.shell.session.Output;
import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.render.TextRenderer;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.Switch;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.RingConfig;

import java.util.List;
import java.util.Map;

/** {@code ring create|use|info|list|close}: the rings of the session. */
public final class RingCommand implements Declared {

    private final Session session;

    public RingCommand(Session session) {
        this.session = session;
    }

    private static final Switch VERBOSE = new Switch("-v", "--verbose", "also show every param and offset");

    /** What ring create takes, declared once for parsing, help and Tab. */
    static final Syntax CREATE = Syntax.of("ring create",
                    "Set up a ring with io_uring_setup and map it; show its sizes, flags and features (-v: also the params and offsets).")
            .with(Positional.optional("NAME", ValueType.Name.NEW_NAME, "the ring's name (r0, r1, ... by default)"))
            .with(Option.of("entries", ValueType.Number.COUNT, "8", "SQ entries (the kernel rounds up to a power of two)"),
                    Option.of("cq_entries", ValueType.Number.COUNT, "CQ entries; sets IORING_SETUP_CQSIZE"),
                    Option.of("flags", new ValueType.Flags(FlagSets.SETUP.name()), "IORING_SETUP_* flags, e.g. SINGLE_ISSUER|DEFER_TASKRUN"),
                    Option.of("sq_thread_cpu", ValueType.Number.COUNT, "CPU of the SQPOLL thread (with SQ_AFF)"),
                    Option.of("sq_thread_idle", ValueType.Number.COUNT, "SQPOLL idle time in ms before it sleeps"),
                    Option.of("wq", ValueType.Name.RING, "another ring (name or fd) whose io-wq to share; sets IORING_SETUP_ATTACH_WQ"),
                    Option.of("expect", ValueType.Name.TEXT, "the errno a refused setup answers (expect=-EINVAL): an expectation, not an error"))
            .with(VERBOSE).withJson();

    static final Syntax USE = Syntax.of("ring use", "Make NAME the ring that sqe/submit/mem act on.")
            .with(Positional.required("NAME", ValueType.Name.RING, "a ring of the session"));
    static final Syntax INFO = Syntax.of("ring info", "Show a ring's params, features and offsets (the current ring by default).")
            .with(Positional.optional("NAME", ValueType.Name.RING, "a ring of the session")).withJson();
    static final Syntax CLOSE = Syntax.of("ring close", "Close a ring: unmap its memory and close its fd (the current ring by default).")
            .with(Positional.optional("NAME", ValueType.Name.RING, "a ring of the session"));

    static final Syntax LIST = Syntax.of("ring list", "List the session's rings.").withJson();

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(CREATE, this::create), new Verb(USE, this::use), new Verb(INFO, this::info),
                new Verb(LIST, this::list), new Verb(CLOSE, this::close));
    }

    @Override
    public String summary() {
        return "Create, select, inspect and close io_uring instances.";
    }

    private void create(Args args) {
        boolean verbose = args.switched(VERBOSE.name());
        String name = args.word(0).orElse(null);
        int entries = (int) args.number("entries");
        long flags = args.optionalNumber("flags").orElse(0L);
        int cqEntries = args.optionalNumber("cq_entries").map(Long::intValue).orElse(0);
        if (args.has("cq_entries")) {
            flags |= SetupFlag.CQSIZE.value();
        }
        int cpu = args.optionalNumber("sq_thread_cpu").map(Long::intValue).orElse(0);
        int idle = args.optionalNumber("sq_thread_idle").map(Long::intValue).orElse(0);
        int wqFd = 0;
        if (args.has("wq")) {
            String wq = args.text("wq");
            try {
                wqFd = Values.looksNumeric(wq) ? (int) Values.parseLong(wq) : session.ring(wq).ring().fd();
            } catch (ValueException e) {
                throw args.error("wq", "wq: " + e.getMessage());
            }
            flags |= SetupFlag.ATTACH_WQ.value();
        }
        String ringName = name == null ? session.nextRingName() : name;
        RingConfig config = new RingConfig(entries, flags, cqEntries, cpu, idle, wqFd);
        if (args.has("expect")) {
            SetupExpectation.check(session, ringName, config, Assignment.parse(args.optionWords().get("expect")));
            return;
        }
        RingSession rs = session.createRing(ringName, config);
        session.output().result("ring", view(rs, true), verbose ? describe(rs) : summary(rs));
    }

    private void use(Args args) {
        String name = args.word(0).orElseThrow();
        session.use(name);
        session.out().println("using ring " + name);
    }

    private void info(Args args) {
        String name = args.word(0).orElse(null);
        RingSession rs = name == null ? session.currentRing() : session.ring(name);
        show(rs);
    }

    private void list(Args args) {
        if (session.rings().isEmpty()) {
            session.output().text("no rings");
        }
        session.rings().values().forEach(rs -> session.output().result("ring", view(rs, false),
                (session.currentName().orElse("").equals(rs.name()) ? "* " : "  ") + rs.name() + "  fd " + rs.ring().fd()
                        + "  sq " + rs.ring().sqEntries() + "  cq " + rs.ring().cqEntries()
                        + "  " + setupFlags().format(rs.ring().setupFlags())));
    }

    private void close(Args args) {
        String name = args.word(0).orElse(null);
        String target = name == null ? session.currentName().orElseGet(() -> session.currentRing().name()) : name;
        session.closeRing(target);
        session.out().println("closed ring " + target);
    }

    /**
     * A ring as --json shows it; with its params decoded field by field for create and info. An ObjectNode, the type
     * JsonRenderer makes: verifying this class then loads none of Jackson's (a JsonNode would be checked against it).
     */
    record RingView(String name, boolean current, int fd, int sqEntries, int cqEntries, int sqeSize, int cqeSize,
                    long flags, List<String> flagNames, long features, List<String> featureNames, ObjectNode params) {
    }

    private RingView view(RingSession rs, boolean withParams) {
        Ring ring = rs.ring();
        FlagSet features = session.catalog().flagSet(FlagSets.FEATURES.name());
        return new RingView(rs.name(), session.currentName().orElse("").equals(rs.name()), ring.fd(), ring.sqEntries(),
                ring.cqEntries(), ring.sqeSize(), ring.cqeSize(), ring.setupFlags(), Output.names(setupFlags(), ring.setupFlags()),
                ring.features(), Output.names(features, ring.features()),
                withParams && session.output().json() ? JsonRenderer.tree(params(rs)) : null); // only --json prints a view: no tree (Jackson) for text
    }

    private void show(RingSession rs) {
        session.output().result("ring", view(rs, true), describe(rs));
    }

    /** Setup flags as the session's catalogue knows them: a loaded profile may add some (BPF_EXT). */
    private dev.ringside.decoders.flags.FlagSet setupFlags() {
        return session.catalog().flagSet(FlagSets.SETUP.name());
    }

    /** What a new ring needs at a glance: sizes, then the flags asked for and the features the kernel has. */
    private String summary(RingSession rs) {
        Ring ring = rs.ring();
        return title(rs) + "\n"
                + "  flags     " + setupFlags().format(ring.setupFlags()) + "\n"
                + "  features  " + session.catalog().flagSet(FlagSets.FEATURES.name()).format(ring.features()) + "\n"
                + "  (ring info " + rs.name() + " or ring create -v: every param and offset)";
    }

    private static String title(RingSession rs) {
        Ring ring = rs.ring();
        return "ring " + rs.name() + ": fd " + ring.fd() + ", " + ring.sqEntries() + " SQ entries, "
                + ring.cqEntries() + " CQ entries, " + ring.sqeSize() + "-byte SQEs, " + ring.cqeSize() + "-byte CQEs";
    }

    /** The params the kernel filled in, decoded field by field with flag and feature names. */
    String describe(RingSession rs) {
        return TextRenderer.render(params(rs));
    }

    private Decoded params(RingSession rs) {
        Ring ring = rs.ring();
        return StructDecoder.decode(UapiLayouts.IO_URING_PARAMS, ring.params(), title(rs),
                Map.of("flags", setupFlags()::format,
                        "features", session.catalog().flagSet(FlagSets.FEATURES.name())::format));
    }

}
