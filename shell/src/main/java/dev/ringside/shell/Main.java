package dev.ringside.shell;

import dev.ringside.shell.command.decode.DecodeCommand;
import dev.ringside.shell.command.export.ExportCommand;
import dev.ringside.shell.repl.PipedConsole;
import dev.ringside.shell.export.CComparison;
import dev.ringside.shell.kernel.KernelRun;
import dev.ringside.shell.repl.Repl;
import dev.ringside.shell.script.BufferedConsole;
import dev.ringside.shell.script.RunInterrupts;
import dev.ringside.shell.script.CommandLines;
import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.script.ScriptRunner;
import dev.ringside.shell.script.Tally;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import dev.ringside.shell.trace.JournalOptions;
import dev.ringside.shell.trace.TraceExport;
import dev.ringside.shell.trace.TraceLatency;
import dev.ringside.shell.trace.TraceShow;
import dev.ringside.tracer.journal.JournalFile;
import dev.ringside.tracer.trace.KernelTracer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
            usage: ringside                    open the interactive console (lines piped in run without banner or prompt)
                   ringside [run] FILE.iou...  run scripts; exit 0 when all pass, 1 when an expectation fails,
                                               2 on a script error, 77 when all were skipped (an unmet require),
                                               130 when Ctrl-C stopped one (a second Ctrl-C quits)
                   ringside run --quiet FILE...  the same, printing only errors, failed expectations and verdicts
                   ringside -c 'LINE; LINE'    run the lines as a script, without a file
                   ringside help [COMMAND]     this text and the console's commands, or one command's help
                   ringside decode TYPE HEX|@FILE [--json|--c] [--profile NAME|FILE]
                                               decode bytes as sqe, cqe, params or any uapi struct
                   ringside export c OUT.c FILE.iou
                                               run the script, write it as a standalone C reproducer
                   ringside report SCRIPT.iou [--kernel SPEC,...] [--json] [-o FILE]
                                               run the script, write a bug report for io-uring@vger.kernel.org
                   ringside caps [FILTER...] [--json] | caps diff OTHER.json [B.json]
                                               what this kernel can do, each capability by its own trial
                   ringside bench nop|timeout|read-pipe [batch=N] [count=N] [journal=on|off] [trace=on|off] [--json]
                                               ops/s, ns per submit and reap, latency of the console's ring code
                   ringside trace show JOURNAL.jsonl [TYPE|FIELD=VALUE...]
                                               print a journal file (also one cut short by a kill)
                   ringside trace export JOURNAL.jsonl OUT.json
                                               the journal as Chrome Trace Event JSON (ui.perfetto.dev)
                   ringside trace latency JOURNAL.jsonl [--json]
                                               per-opcode latency histograms (log2 buckets, us)
            journal options (console and run): every session journals to ~/.local/state/ringside/
                   (or $RINGSIDE_JOURNAL) as JSON Lines, written before every wait and after every line;
                   -c journals in memory only, unless one of these comes before it
                   --journal FILE              journal to FILE instead
                   --trace FILE                journal to FILE, with the kernel's io_uring tracepoints (root)
                   --no-journal                no journal file
                   ringside run --kernel SPEC[,SPEC...] FILE.iou...
                                               run the scripts on other kernels in a VM (qemu): SPEC is host,
                                               debian:sid, debian:experimental, a Debian version (7.2.13) or an image
                   ringside run --compare-c [--kernel SPEC,...] FILE.iou...
                                               also export each script as C, build it with gcc, run it and compare
                                               its CQEs, submits, register results and exit code (FILE [C]: ...)
                   ringside --help             this text""";

    public static void main(String[] args) {
        int status = run(List.of(args), new PrintWriter(System.out, true));
        // 0 by returning: Runtime.exit first looks up a System.Logger to log the exit (a scan of every jar for
        // LoggerFinder providers, a tenth of hello's main thread); the JVM's exit after main runs the same shutdown
        // hooks, and every thread ringside starts is a daemon
        if (status != 0) {
            System.exit(status);
        }
    }

    public static int run(List<String> args, PrintWriter out) {
        if (!args.isEmpty() && args.getFirst().equals("report")) { // its --kernel adds a table to one report
            return dev.ringside.shell.report.ReportRun.cli(args.subList(1, args.size()), out);
        }
        if (KernelRun.wanted(args)) { // --kernel SPEC: the same command on other kernels, in VMs
            return KernelRun.cli(args, out);
        }
        if (!args.isEmpty() && args.getFirst().equals("decode")) {
            return DecodeCommand.cli(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.getFirst().equals("export")) {
            return ExportCommand.cli(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.getFirst().equals("caps")) {
            return dev.ringside.shell.command.caps.CapsCommand.cli(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.getFirst().equals("bench")) {
            return dev.ringside.shell.bench.BenchCommand.cli(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.getFirst().equals("trace")) {
            String what = args.size() < 2 ? "" : args.get(1);
            return switch (what) {
                case "show" -> TraceShow.cli(args.subList(2, args.size()), out);
                case "export" -> TraceExport.cli(args.subList(2, args.size()), out);
                case "latency" -> TraceLatency.cli(args.subList(2, args.size()), out);
                default -> {
                    out.println("usage: ringside trace show JOURNAL.jsonl [TYPE|FIELD=VALUE...]\n"
                            + "       ringside trace export JOURNAL.jsonl OUT.json\n"
                            + "       ringside trace latency JOURNAL.jsonl [--json]");
                    yield 2;
                }
            };
        }
        if (!args.isEmpty() && args.getFirst().equals("help")) {
            return help(args.subList(1, args.size()), out);
        }
        if (!args.isEmpty() && args.getFirst().equals("-c")) {
            Warmup.start();
            return lines(args.subList(1, args.size()), out);
        }
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        Warmup.start(); // the console and scripts: each makes a ring and journals
        JournalOptions journal;
        try {
            journal = JournalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("ringside: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        args = journal.rest();
        if (!args.isEmpty() && args.getFirst().equals("-c")) { // after a journal option: ringside --journal F -c '...'
            return lines(args.subList(1, args.size()), out, journal);
        }
        if (args.isEmpty()) {
            try {
                if (!PipedConsole.stdinIsTerminal()) {
                    return PipedConsole.run(new BufferedReader(new InputStreamReader(System.in)), out);
                }
                return Repl.run(journal);
            } catch (IOException e) {
                out.println("ringside: cannot open the terminal: " + e.getMessage());
                return 2;
            }
        }
        // "run" is optional: ringside run FILE... and ringside FILE... are the same
        List<String> files = args.getFirst().equals("run") ? args.subList(1, args.size()) : args;
        boolean quiet = files.contains("--quiet"); // only errors, failed expectations and the verdicts print
        files = quiet ? files.stream().filter(a -> !a.equals("--quiet")).toList() : files;
        // --compare-c: each script's export as C built, run and compared with the console's run (a verdict line "FILE [C]: ...")
        // --compare-c=A.iou,B.iou: only those (a VM after the host's column: the rest were compared on the host)
        boolean compareC = files.stream().anyMatch(f -> f.equals("--compare-c") || f.startsWith("--compare-c="));
        java.util.Set<String> compareOnly = files.stream().filter(f -> f.startsWith("--compare-c=")).findFirst()
                .map(f -> java.util.Set.of(f.substring("--compare-c=".length()).split(","))).orElse(null);
        files = files.stream().filter(f -> !f.equals("--compare-c") && !f.startsWith("--compare-c=")).toList();
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
        RunInterrupts interrupts = RunInterrupts.install(out);
        Optional<JournalFile> sink = journal.open(out);
        try {
            for (String arg : files) {
                if (compareC && compareOnly != null && !compareOnly.contains(arg)) {
                    tally.add(runScript(Path.of(arg), out, sink, journal.kernel(), interrupts, quiet));
                    out.println(arg + " [C]: skipped (compared on the host)");
                    tally.add(ScriptRunner.SKIPPED);
                } else if (compareC) {
                    runScriptComparingC(Path.of(arg), out, tally);
                } else {
                    tally.add(runScript(Path.of(arg), out, sink, journal.kernel(), interrupts, quiet));
                }
            }
        } finally {
            sink.ifPresent(JournalFile::close);
        }
        // a Ctrl-C after the last script's last line: no script left to stop, but the run was interrupted
        boolean lateInterrupt = interrupts.stopRequested();
        if (lateInterrupt) {
            out.println("ringside: interrupted (Ctrl-C) after the last script");
        }
        out.println(tally.closingLine());
        return lateInterrupt ? RunInterrupts.QUIT_STATUS : tally.exitCode();
    }

    /** {@code ringside help [COMMAND]}: the usage and the console's help, which needs no ring. */
    static int help(List<String> words, PrintWriter out) {
        if (words.isEmpty()) {
            out.println(USAGE);
            out.println();
        }
        try (Session session = new Session(out, Style.detect(false, null))) {
            new Dispatcher(session).run(String.join(" ", java.util.stream.Stream.concat(java.util.stream.Stream.of("help"),
                    words.stream()).toList()));
            return 0;
        } catch (ConsoleException e) {
            out.println("ringside help: " + e.getMessage());
            return 2;
        } finally {
            out.flush();
        }
    }

    /**
     * {@code ringside -c 'ring create; sqe nop; submit wait=1'}: the lines as one script named -c, journaled in memory
     * only; after a journal option ({@code --journal FILE}, {@code --trace FILE}, {@code --no-journal}) as that says.
     */
    static int lines(List<String> args, PrintWriter out) {
        return lines(args, out, new JournalOptions(Optional.empty(), false, List.of()));
    }

    private static int lines(List<String> args, PrintWriter out, JournalOptions journal) {
        if (args.size() != 1) {
            out.println("ringside -c: give the lines as one argument: ringside -c 'ring create; sqe nop; submit wait=1'\n" + USAGE);
            return 2;
        }
        Tally tally = new Tally();
        Optional<JournalFile> sink = journal.open(out);
        try {
            tally.add(runLines(CommandLines.split(args.getFirst()), out, sink, journal.kernel()));
        } finally {
            sink.ifPresent(JournalFile::close);
        }
        out.println(tally.closingLine());
        return tally.exitCode();
    }

    private static int runLines(List<String> lines, PrintWriter out, Optional<JournalFile> sink, boolean kernel) {
        Path name = Path.of("-c");
        try (Session session = new Session(out, Style.detect(System.console() != null, System.getenv("TERM")))) {
            sink.ifPresent(f -> f.attach(session.journal(), "-c " + String.join("; ", lines)));
            if (kernel) {
                KernelTracer.start(session.journal(), List.of(), session.out()::println).ifPresent(session::tracer);
            }
            return verdict(name, new ScriptRunner(session).run(name, lines), out);
        }
    }

    /** One script in a fresh session: every ring it created is closed afterwards; journaled in memory only. */
    public static int runScript(Path file, PrintWriter out) {
        return runScript(file, out, Optional.empty(), false, RunInterrupts.none());
    }

    /**
     * One script in a fresh session journaled to {@code sink} too, with the kernel's events when {@code kernel};
     * a Ctrl-C that {@code interrupts} caught stops the script.
     */
    public static int runScript(Path file, PrintWriter out, Optional<JournalFile> sink, boolean kernel,
                                RunInterrupts interrupts) {
        return runScript(file, out, sink, kernel, interrupts, false);
    }

    /** Like the above; {@code quiet} leaves the commands' text out (ringside run --quiet). */
    public static int runScript(Path file, PrintWriter out, Optional<JournalFile> sink, boolean kernel,
                                RunInterrupts interrupts, boolean quiet) {
        // a buffer at a time, not a write(2) per line: a script's loop prints every pass
        try (BufferedConsole console = new BufferedConsole(out);
             Session session = new Session(console.writer(), Style.detect(System.console() != null, System.getenv("TERM")))) {
            session.outBuffered(true);
            session.output().quiet(quiet);
            sink.ifPresent(f -> f.attach(session.journal(), "run " + file));
            if (kernel) {
                KernelTracer.start(session.journal(), List.of(), session.out()::println).ifPresent(session::tracer);
            }
            interrupts.begin(session);
            int exitCode = ScriptRunner.ERROR;
            try {
                exitCode = verdict(file, new ScriptRunner(session).stopWhen(interrupts::stopRequested).run(file), out);
                return exitCode;
            } finally {
                interrupts.end(exitCode);
            }
        }
    }

    /**
     * One script in a fresh session, its output also kept, then its journal exported as C, built, run and
     * compared ({@link CComparison}): {@code FILE: passed (...)} and then {@code FILE [C]: passed (...)}; both are tallied.
     */
    static void runScriptComparingC(Path file, PrintWriter out, Tally tally) {
        java.io.StringWriter copy = new java.io.StringWriter();
        PrintWriter both = new PrintWriter(new java.io.Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                out.write(buffer, offset, length);
                copy.write(buffer, offset, length);
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        }, true);
        int exitCode;
        java.util.List<dev.ringside.tracer.journal.Event> events;
        // no colours: the comparison reads the console's lines as text
        try (Session session = new Session(both, new Style(false))) {
            exitCode = verdict(file, new ScriptRunner(session).run(file), both);
            events = session.journal().events();
        }
        both.flush();
        tally.add(exitCode);
        CComparison.Outcome outcome;
        Path dir = null;
        try {
            dir = java.nio.file.Files.createTempDirectory("ringside-compare-c-");
            outcome = CComparison.compare(file, new CComparison.Console(exitCode, copy.toString(), events), dir);
        } catch (java.io.IOException e) {
            outcome = new CComparison.Outcome("FAILED", "cannot make a directory for the C program: " + e.getMessage(), "");
        } finally {
            deleteTree(dir);
        }
        if (!outcome.passed() && !outcome.programOutput().isEmpty()) {
            outcome.programOutput().lines().forEach(l -> out.println("  c| " + l));
        }
        out.println(file + " [C]: " + outcome.word() + " (" + outcome.detail() + ")");
        tally.add(outcome.passed() ? ScriptRunner.PASSED : outcome.skipped() ? ScriptRunner.SKIPPED : ScriptRunner.FAILED);
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temp directory left behind is harmless
        }
    }

    /** {@code FILE: passed (3 expectations met, 0 failed)}; returns the script's exit code. */
    private static int verdict(Path file, ScriptRunner.Result result, PrintWriter out) {
        String verdict = switch (result.exitCode()) {
            case ScriptRunner.PASSED -> "passed";
            case ScriptRunner.FAILED -> "FAILED";
            case ScriptRunner.SKIPPED -> "skipped";
            case ScriptRunner.INTERRUPTED -> "INTERRUPTED";
            default -> "ERROR";
        };
        String counts = result.passed() + " expectations met, " + result.failed() + " failed";
        String detail = switch (result.exitCode()) {
            case ScriptRunner.SKIPPED -> result.skipReason().orElse(counts);
            case ScriptRunner.INTERRUPTED -> result.skipReason().orElse("interrupted") + ", " + counts;
            default -> counts;
        };
        out.println(file + ": " + verdict + " (" + detail + ")");
        return result.exitCode();
    }
}
