package dev.ringside.shell.command;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.trace.TraceShow;
import dev.ringside.tracer.trace.KernelTracer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code trace on [events=A,B]}, {@code trace off}, {@code trace show FILE [FILTER...]}: the kernel's io_uring tracepoints in the journal. */
@Command(name = "trace", description = {
    "The kernel's side, as root: trace on [events=submit_req,complete,...] creates this console's own tracefs instance,",
    "enables the io_uring events (all by default) and merges those of this session's rings into the journal and under",
    "each CQE; trace off removes the instance. trace show FILE [TYPE|FIELD=VALUE...] prints a journal file."})
public final class TraceCommand {
    private final Session session;

    public TraceCommand(Session session) {
        this.session = session;
    }

    @Command(name = "on", description = "Start tracing the kernel's io_uring events of rings created from now on.")
    void on(@Parameters(arity = "0..1", paramLabel = "events=A,B") String events) {
        if (session.tracer().isPresent()) {
            session.out().println("kernel tracing is on already (" + session.tracer().get().instance() + ")");
            return;
        }
        List<String> names = new ArrayList<>();
        if (events != null) {
            if (!events.startsWith("events=")) {
                throw new ConsoleException("usage: trace on [events=submit_req,complete,...]", events);
            }
            names.addAll(Arrays.stream(events.substring("events=".length()).split(",")).filter(s -> !s.isBlank()).toList());
        }
        Optional<KernelTracer> tracer;
        try {
            tracer = KernelTracer.start(session.journal(), names, session.out()::println);
        } catch (IllegalArgumentException e) {
            throw new ConsoleException(e.getMessage(), events);
        }
        tracer.ifPresent(t -> {
            session.tracer(t);
            session.out().println("kernel tracing on: " + t.instance() + " (" + t.enabled().size()
                    + " io_uring events); rings created from now on are traced"
                    + (session.rings().isEmpty() ? "" : ", not " + String.join(", ", new java.util.TreeSet<>(session.rings().keySet()))
                    + " (their ctx is known only from their io_uring_create)"));
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
        if (TraceShow.cli(args, session.out()) != 0) {
            throw new ConsoleException("cannot show " + args.getFirst());
        }
    }
}
