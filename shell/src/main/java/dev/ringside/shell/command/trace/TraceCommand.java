package dev.ringside.shell.command.trace;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.trace.TraceExport;
import dev.ringside.shell.trace.TraceLatency;
import dev.ringside.shell.trace.TraceShow;
import dev.ringside.shell.trace.Timeline;
import dev.ringside.tracer.trace.KernelTracer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code trace on [events=A,B]}, {@code trace off}, {@code trace show FILE [FILTER...]}: the kernel's io_uring tracepoints in the journal. */
public final class TraceCommand implements Declared {
    private final Session session;

    public TraceCommand(Session session) {
        this.session = session;
    }

    static final Syntax ON = Syntax.of("trace on", "Start tracing the kernel's io_uring events of this session's rings (those that exist already too).")
            .with(Option.of("events", ValueType.Name.TEXT, "io_uring tracepoints, comma-separated (all by default), e.g. submit_req,complete"),
                    Option.of("buffer_kb", new ValueType.Number(1, Integer.MAX_VALUE), Integer.toString(KernelTracer.BUFFER_KB_PER_CPU),
                            "KiB of trace buffer per CPU"));
    static final Syntax OFF = Syntax.of("trace off", "Stop tracing and remove the tracefs instance.");
    static final Syntax SHOW = Syntax.of("trace show", "Print a journal file, or only its events of a TYPE or with FIELD=VALUE.")
            .with(Positional.required("FILE", ValueType.Name.PATH, "a journal file (ringside run --journal)"),
                    Positional.many("TYPE", ValueType.Name.TEXT, "event types to show"))
            .note("FIELD=VALUE: only events whose field has that value").optionsAsTyped();
    static final Syntax EXPORT = Syntax.of("trace export", "Write this session's journal as Chrome Trace Event JSON for https://ui.perfetto.dev.")
            .with(Positional.required("FILE.json", ValueType.Name.PATH, "the file to write"));
    static final Syntax LATENCY = Syntax.of("trace latency",
            "Per-opcode latency histograms of this session (submission to CQE, CQE to reap), in us.").withJson();

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(ON, this::on), new Verb(OFF, args -> off()), new Verb(SHOW, this::show),
                new Verb(EXPORT, args -> export(args.word(0).orElseThrow())), new Verb(LATENCY, args -> latency()));
    }

    @Override
    public String summary() {
        return "The kernel's io_uring tracepoints in the journal: trace on, off, show FILE, export FILE.json, latency.";
    }

    private void on(Args args) {
        if (session.tracer().isPresent()) {
            session.out().println("kernel tracing is on already (" + session.tracer().get().instance() + ")");
            return;
        }
        List<String> names = args.optionalText("events")
                .map(e -> Arrays.stream(e.split(",")).filter(w -> !w.isBlank()).toList()).orElse(List.of());
        int bufferKb = (int) args.number("buffer_kb");
        Optional<KernelTracer> tracer;
        try {
            tracer = KernelTracer.start(session.journal(), names, bufferKb, session.out()::println);
        } catch (IllegalArgumentException e) {
            throw new ConsoleException(e.getMessage());
        }
        tracer.ifPresent(t -> {
            session.tracer(t);
            List<String> adopted = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (var rs : new java.util.TreeMap<>(session.rings()).values()) {
                (adopt(t, rs.name(), rs.ring().fd()) ? adopted : unknown).add(rs.name());
            }
            session.out().println("kernel tracing on: " + t.instance() + " (" + t.enabled().size()
                    + " io_uring events); rings created from now on are traced"
                    + (adopted.isEmpty() ? "" : ", and " + String.join(", ", adopted)
                    + " (ctx named by the io_uring_register event of an IORING_REGISTER_PROBE on its fd)")
                    + (unknown.isEmpty() ? "" : ", not " + String.join(", ", unknown)
                    + " (no io_uring_register event named its ctx)"));
            session.out().println("  req flags decoded with " + t.reqFlags().flags().flags().size() + " REQ_F_* bits, "
                    + t.reqFlags().note());
        });
    }

    /** How long the kernel's register event of a trial may take to be read from the trace pipe. */
    private static final long ADOPT_TIMEOUT_NANOS = 500_000_000L;

    /**
     * A ring created before {@code trace on}: the kernel emitted its io_uring_create untraced, so a harmless
     * IORING_REGISTER_PROBE on its fd makes it emit io_uring_register with the ring's ctx. Journaled as a note
     * (a reproducer has nothing to do for it), with the kernel's answer.
     */
    private boolean adopt(KernelTracer tracer, String ring, int fd) {
        long[] result = {0};
        Optional<String> ctx = tracer.adopt(ring, fd, (int) dev.ringside.decoders.flags.RegisterOp.PROBE.value(), () -> {
            try {
                dev.ringside.tracer.probe.OpcodeProbe.of(fd);
            } catch (dev.ringside.tracer.sys.SyscallException e) {
                result[0] = -e.errno();
            }
        }, ADOPT_TIMEOUT_NANOS);
        session.journal().record(new dev.ringside.tracer.journal.Event.Note(session.journal().now(), "trace on: ring " + ring
                + " existed before tracing: IORING_REGISTER_PROBE on its fd " + fd + " returned " + result[0]
                + ctx.map(c -> "; its io_uring_register event names ctx " + c).orElse("; no io_uring_register event of it was read")));
        return ctx.isPresent();
    }

    private void off() {
        Optional<KernelTracer> tracer = session.tracer();
        if (tracer.isEmpty()) {
            session.out().println("kernel tracing is off");
            return;
        }
        session.tracer(null);
        tracer.get().close();
        session.out().println("kernel tracing off: " + tracer.get().instance() + " removed");
    }

    private void show(Args args) {
        String file = args.word(0).orElseThrow();
        List<String> filters = args.words().subList(args.words().indexOf(file) + 1, args.words().size());
        try {
            TraceShow.print(TraceShow.read(Path.of(file)), filters, session.out());
        } catch (IllegalArgumentException e) {
            throw new ConsoleException(e.getMessage(), file);
        }
    }

    private void export(String file) {
        try {
            session.out().println(TraceExport.write(session.journal(), "this session", Path.of(file)));
        } catch (IllegalArgumentException e) {
            throw new ConsoleException(e.getMessage(), file);
        }
    }

    private void latency() {
        List<TraceLatency.Histogram> histograms = TraceLatency.of(timeline());
        if (histograms.isEmpty()) {
            session.output().text("no completed requests in this session's journal");
        }
        for (TraceLatency.Histogram h : histograms) {
            session.output().result("latency", TraceLatency.json(h).without("type"), TraceLatency.text(List.of(h)).stripTrailing());
        }
    }

    private Timeline timeline() {
        return Timeline.of(session.journal(), "this session");
    }
}
