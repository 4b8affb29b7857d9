package dev.ringside.shell.command.report;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.export.Recorder;
import dev.ringside.shell.report.KernelLog;
import dev.ringside.shell.report.Report;
import dev.ringside.shell.report.ReportBuilder;
import dev.ringside.shell.report.ReportRun;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.tracer.journal.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code report [FILE] [format=text|json]}: this session as a bug report for io-uring@vger.kernel.org:
 * the session recorded as a script, its C program, the failed expectations, the journal around the
 * first failure, the kernel's facts and the splats the kernel logged since the session's first report mark.
 */
public final class ReportCommand implements Declared {
    static final Syntax SYNTAX = Syntax.of("report", "Write this session as a plain-text bug report (72 columns) for io-uring@vger.kernel.org.")
            .with(Positional.optional("FILE", ValueType.Name.PATH, "the file to write (default: print it)"))
            .with(Option.of("format", new ValueType.Words("text", "json"), "text", "text (a mail) or json (the same facts)"))
            .note("It holds the session as a script, its C reproducer, the failed expectations, the journal around the first failure,",
                    "the kernel's facts and capability rows, and the splats in the kernel log since the session began.",
                    "From a shell: ringside report SCRIPT.iou [--kernel host,debian:sid] [--json].");

    private final Session session;

    public ReportCommand(Session session) {
        this.session = session;
    }

    private void run(Args args) {
        List<Event> events = session.journal().events();
        int met = (int) events.stream().filter(ReportCommand::held).count();
        int failed = (int) events.stream().filter(ReportCommand::missed).count();
        String script = String.join("\n", Recorder.script(events, "a console session")) + "\n";
        KernelLog.Splats splats;
        // the session's own time line starts at its journal's start: the kernel's records since then
        try (KernelLog log = KernelLog.since(session.journal().startNanos())) {
            splats = log.splats();
        }
        Report report = ReportBuilder.build(new ReportBuilder.Run("session.iou", script, "", failed > 0 ? "FAILED" : "passed",
                met, failed), events, splats, List.of());
        String text = args.text("format").equals("json") ? ReportRun.json(report) : ReportRun.text(report);
        var file = args.word(0);
        if (file.isEmpty()) {
            session.out().print(text);
            session.out().flush();
            return;
        }
        try {
            Files.writeString(Path.of(file.get()), text);
        } catch (IOException e) {
            throw new ConsoleException("report: cannot write " + file.get() + ": " + e.getMessage(), file.get());
        }
        session.out().println("wrote " + file.get() + " (" + text.lines().count() + " lines, " + failed + " failed expectation"
                + (failed == 1 ? "" : "s") + ")");
    }

    private static boolean held(Event e) {
        return e instanceof Event.Expectation x && x.met();
    }

    private static boolean missed(Event e) {
        return e instanceof Event.Expectation x && !x.met();
    }

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }
}
