package dev.ringside.shell.command.trace;

import dev.ringside.shell.command.JsonOption;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.trace.TraceExport;
import dev.ringside.shell.trace.TraceLatency;
import dev.ringside.shell.trace.TraceShow;
import dev.ringside.shell.trace.Timeline;
import dev.ringside.tracer.trace.KernelTracer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code trace on [events=A,B]}, {@code trace off}, {@code trace show FILE [FILTER...]}: the kernel's io_uring tracepoints in the journal. */
@Command(name = "trace", description = {
    "The kernel's side, as root: trace on [events=...] makes this console's own tracefs instance, enables the io_uring",
    "events (all by default) and merges those of rings created from then on into the journal and under each CQE;",
    "trace off removes the instance. trace show FILE [TYPE|FIELD=VALUE...] prints a journal file.",
    "trace export FILE.json writes this session as a Perfetto timeline; trace latency [--json] prints latency histograms."})
public final class TraceCommand {
    private final Session session;

    public TraceCommand(Session session) {
        this.session = session;
    }

    @Command(name = "on", description = {"Start tracing the kernel's io_uring events of rings created from now on:",
        "trace on [events=submit_req,complete,...] [buffer_kb=N] (N KiB of trace buffer per CPU, 4096 by default)."})
    void on(@Parameters(arity = "0..2", paramLabel = "events=A,B buffer_kb=N") List<String> words) {
        if (session.tracer().isPresent()) {
            session.out().println("kernel tracing is on already (" + session.tracer().get().instance() + ")");
            return;
        }
        List<String> names = new ArrayList<>();
        int bufferKb = KernelTracer.BUFFER_KB_PER_CPU;
        for (String word : words == null ? List.<String>of() : words) {
            if (word.startsWith("events=")) {
                names.addAll(Arrays.stream(word.substring("events=".length()).split(",")).filter(s -> !s.isBlank()).toList());
            } else if (word.startsWith("buffer_kb=")) {
                try {
                    bufferKb = Integer.parseInt(word.substring("buffer_kb=".length()));
                } catch (NumberFormatException e) {
                    throw new ConsoleException("buffer_kb takes a number of KiB, not '" + word.substring(10) + "'", word);
                }
            } else {
                throw new ConsoleException("usage: trace on [events=submit_req,complete,...] [buffer_kb=N]", word);
            }
        }
        Optional<KernelTracer> tracer;
        try {
            tracer = KernelTracer.start(session.journal(), names, bufferKb, session.out()::println);
        } catch (IllegalArgumentException e) {
            throw new ConsoleException(e.getMessage());
        }
        tracer.ifPresent(t -> {
            session.tracer(t);
            session.out().println("kernel tracing on: " + t.instance() + " (" + t.enabled().size()
                    + " io_uring events); rings created from now on are traced"
                    + (session.rings().isEmpty() ? "" : ", not " + String.join(", ", new java.util.TreeSet<>(session.rings().keySet()))
                    + " (their ctx is known only from their io_uring_create)"));
            session.out().println("  req flags decoded with " + t.reqFlags().flags().flags().size() + " REQ_F_* bits, "
                    + t.reqFlags().note());
        });
    }

    @Command(name = "off", description = "Stop tracing and remove the tracefs instance.")
    void off() {
        Optional<KernelTracer> tracer = session.tracer();
        if (tracer.isEmpty()) {
            session.out().println("kernel tracing is off");
            return;
        }
        session.tracer(null);
        tracer.get().close();
        session.out().println("kernel tracing off: " + tracer.get().instance() + " removed");
    }

    @Command(name = "show", description = "Print a journal file: trace show FILE [TYPE|FIELD=VALUE...].")
    void show(@Parameters(arity = "1..*", paramLabel = "FILE [FILTER]") List<String> args) {
        try {
            TraceShow.print(TraceShow.read(Path.of(args.getFirst())), args.subList(1, args.size()), session.out());
        } catch (IllegalArgumentException e) {
            throw new ConsoleException(e.getMessage(), args.getFirst());
        }
    }

    @Command(name = "export", description = "Write this session's journal as Chrome Trace Event JSON for https://ui.perfetto.dev: trace export FILE.json.")
    void export(@Parameters(paramLabel = "FILE.json") String file) {
        try {
            session.out().println(TraceExport.write(timeline(), Path.of(file)));
        } catch (IllegalArgumentException e) {
            throw new ConsoleException(e.getMessage(), file);
        }
    }

    @Command(name = "latency", description = "Per-opcode latency histograms of this session (submission to CQE, CQE to reap), in us: trace latency [--json].")
    void latency(@Mixin JsonOption json) {
        List<TraceLatency.Histogram> histograms = TraceLatency.of(timeline());
        if (histograms.isEmpty()) {
            session.output().text("no completed requests in this session's journal");
        }
        for (TraceLatency.Histogram h : histograms) {
            session.output().result("latency", TraceLatency.json(h).without("type"), TraceLatency.text(List.of(h)).stripTrailing());
        }
    }

    private Timeline timeline() {
        return Timeline.of(session.journal().events(), "this session", session.journal().startNanos());
    }
}
