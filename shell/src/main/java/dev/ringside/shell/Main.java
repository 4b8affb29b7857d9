package dev.ringside.shell;

import dev.ringside.shell.command.DecodeCommand;
import dev.ringside.shell.command.ExportCommand;
import dev.ringside.shell.kernel.KernelRun;
import dev.ringside.shell.repl.Repl;
import dev.ringside.shell.script.ScriptRunner;
import dev.ringside.shell.script.Tally;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import dev.ringside.shell.trace.JournalOptions;
import dev.ringside.shell.trace.TraceShow;
import dev.ringside.tracer.journal.JournalFile;
import dev.ringside.tracer.trace.KernelTracer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code ringside}: the REPL; {@code ringside FILE...}: run scripts, exit 0 when every expectation
 * held, 1 when one failed, 2 on a script error.
 */
public final class Main {
    private Main() {
    }

    static final String USAGE = """
            usage: ringside                    open the interactive console
                   ringside [run] FILE.iou...  run scripts; exit 0 when all pass, 1 when an expectation fails,
                                               2 on a script error, 77 when all were skipped (an unmet require)
                   ringside decode TYPE HEX|@FILE [--json|--c] [--profile NAME|FILE]
                                               decode bytes as sqe, cqe, params or any uapi struct
                   ringside export c OUT.c FILE.iou
                                               run the script, write it as a standalone C reproducer
                   ringside trace show JOURNAL.jsonl [TYPE|FIELD=VALUE...]
                                               print a journal file (also one cut short by a kill)
            journal options (console and run): every session journals to ~/.local/state/ringside/
                   (or $RINGSIDE_JOURNAL) as JSON Lines, one write(2) per event
                   --journal FILE              journal to FILE instead
                   --trace FILE                journal to FILE, with the kernel's io_uring tracepoints (root)
                   --no-journal                no journal file
                   ringside run --kernel SPEC[,SPEC...] FILE.iou...
                                               run the scripts on other kernels in a VM (qemu): SPEC is host,
                                               debian:sid, debian:experimental, a Debian version (7.2.13) or an image
                   ringside --help             this text""";

    public static void main(String[] args) {
        System.exit(run(List.of(args), new PrintWriter(System.out, true)));
    }

    public static int run(List<String> args, PrintWriter out) {
        if (KernelRun.wanted(args)) { // --kernel SPEC: the same command on other kernels, in VMs
            return KernelRun.cli(args, out);
        }
        if (!args.isEmpty() && args.getFirst().equals("decode")) {
            return DecodeCommand.cli(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.getFirst().equals("export")) {
            return ExportCommand.cli(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.getFirst().equals("trace")) {
            if (args.size() < 2 || !args.get(1).equals("show")) {
                out.println("usage: ringside trace show JOURNAL.jsonl [TYPE|FIELD=VALUE...]");
                return 2;
            }
            return TraceShow.cli(args.subList(2, args.size()), out);
        }
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        JournalOptions journal;
        try {
            journal = JournalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("ringside: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        args = journal.rest();
        if (args.isEmpty()) {
            try {
                return Repl.run(journal);
            } catch (IOException e) {
                out.println("ringside: cannot open the terminal: " + e.getMessage());
                return 2;
            }
        }
        // "run" is optional: ringside run FILE... and ringside FILE... are the same
        List<String> files = args.getFirst().equals("run") ? args.subList(1, args.size()) : args;
        if (files.isEmpty()) {
            out.println("ringside run: name at least one script\n" + USAGE);
            return 2;
        }
        for (String arg : files) {
            if (arg.startsWith("-")) {
                out.println("ringside: unknown option " + arg + "\n" + USAGE);
                return 2;
            }
        }
        Tally tally = new Tally();
        Optional<JournalFile> sink = journal.open(out);
        try {
            for (String arg : files) {
                tally.add(runScript(Path.of(arg), out, sink, journal.kernel()));
            }
        } finally {
            sink.ifPresent(JournalFile::close);
        }
        out.println(tally.closingLine());
        return tally.exitCode();
    }

    /** One script in a fresh session: every ring it created is closed afterwards; journaled in memory only. */
    public static int runScript(Path file, PrintWriter out) {
        return runScript(file, out, Optional.empty(), false);
    }

    /** One script in a fresh session journaled to {@code sink} too, with the kernel's events when {@code kernel}. */
    public static int runScript(Path file, PrintWriter out, Optional<JournalFile> sink, boolean kernel) {
        try (Session session = new Session(out, Style.detect(System.console() != null, System.getenv("TERM")))) {
            sink.ifPresent(f -> f.attach(session.journal(), "run " + file));
            if (kernel) {
                KernelTracer.start(session.journal(), List.of(), out::println).ifPresent(session::tracer);
            }
            ScriptRunner.Result result = new ScriptRunner(session).run(file);
            String verdict = switch (result.exitCode()) {
                case ScriptRunner.PASSED -> "passed";
                case ScriptRunner.FAILED -> "FAILED";
                case ScriptRunner.SKIPPED -> "skipped";
                default -> "ERROR";
            };
            out.println(file + ": " + verdict + result.skipReason().map(reason -> " (" + reason + ")").orElse(
                    " (" + result.passed() + " expectations met, " + result.failed() + " failed)"));
            return result.exitCode();
        }
    }
}
