package dev.ringside.shell.script;

import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.InputFiles;
import dev.ringside.shell.RequirementUnmet;
import dev.ringside.shell.session.Session;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs a script file in a session: command lines, {@code repeat} blocks and {@code include}d files.
 * A failed expectation is reported as {@code file:line: expected ..., got ...} and the run goes on;
 * a script error (bad command, field or value, a syscall the kernel refused) as
 * {@code file:line:column: error: ...} and stops it; an unmet {@code require} stops it as skipped.
 */
public final class ScriptRunner {
    /** Exit codes: all expectations met, an expectation failed, the script itself is wrong, skipped (automake's 77). */
    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int ERROR = 2;
    public static final int SKIPPED = 77;
    /** Stopped by Ctrl-C (SIGINT) in a run: counted as failed. */
    public static final int INTERRUPTED = RunInterrupts.QUIT_STATUS;

    /** Deeper than this, an include is taken to be a file including itself. */
    static final int MAX_INCLUDE_DEPTH = 16;
    /** A repeat count above this is a typo, not a reproducer. */
    static final long MAX_REPEAT = 100_000;

    /** @param skipReason why the script was skipped, when exitCode is {@link #SKIPPED}; where it stopped when {@link #INTERRUPTED} */
    public record Result(int exitCode, int passed, int failed, Optional<String> skipReason) {
        public Result(int exitCode, int passed, int failed) {
            this(exitCode, passed, failed, Optional.empty());
        }
    }

    /** Ends the run early: a script error or an unmet requirement, already printed. */
    private static final class Stop extends RuntimeException {
        final int exitCode;
        final String reason;

        Stop(int exitCode, String reason) {
            super(reason, null, false, false);
            this.exitCode = exitCode;
            this.reason = reason;
        }
    }

    /** {@code quit} in a script: stop here, with the verdict so far. */
    private static final class Quit extends RuntimeException {
        Quit() {
            super(null, null, false, false);
        }
    }

    private final Session session;
    private final Dispatcher dispatcher;
    private int passed;
    private int failed;
    private BooleanSupplier stopRequested = () -> false;

    public ScriptRunner(Session session) {
        this.session = session;
        this.dispatcher = new Dispatcher(session);
    }

    /** Stops the script at the next line boundary (its wait or sleep cut short) once {@code requested} turns true. */
    public ScriptRunner stopWhen(BooleanSupplier requested) {
        stopRequested = requested;
        return this;
    }

    /** Runs into a live console: its variables, its rings (the console's {@code include FILE}). */
    ScriptRunner(Session session, Dispatcher dispatcher) {
        this.session = session;
        this.dispatcher = dispatcher;
    }

    public Result run(Path file) {
        return verdict(() -> runFile(file, null));
    }

    /** Lines that come from no file ({@code ringside -c}): {@code name} stands for the file in messages, includes resolve beside it. */
    public Result run(Path name, List<String> lines) {
        return verdict(() -> runLines(name, lines, null));
    }

    private Result verdict(Runnable script) {
        passed = 0;
        failed = 0;
        PrintWriter out = session.out();
        try {
            script.run();
        } catch (Quit q) {
            // the verdict so far stands
        } catch (Stop stop) {
            return new Result(stop.exitCode, passed, failed,
                    stop.exitCode == SKIPPED || stop.exitCode == INTERRUPTED ? Optional.of(stop.reason) : Optional.empty());
        } finally {
            out.flush();
        }
        return new Result(failed > 0 ? FAILED : PASSED, passed, failed);
    }

    private void runFile(Path file, Where includedFrom) {
        List<String> lines;
        try {
            lines = InputFiles.text(file, InputFiles.MAX_SCRIPT_BYTES, "the script", session::cancelled).lines().toList();
        } catch (InputFiles.Refused e) {
            String origin = includedFrom == null ? "" : " (included from " + includedFrom.at() + ")";
            throw error(e.hasPosition() ? file + ":" + e.line() + ":" + e.textColumn() + ": error: " + e.getMessage() + origin
                    : file + ": error: " + e.getMessage() + origin);
        }
        runLines(file, lines, includedFrom);
    }

    private void runLines(Path file, List<String> lines, Where includedFrom) {
        List<Step> steps;
        try {
            steps = ScriptParser.parse(file, lines, includedFrom);
        } catch (ScriptParser.Malformed e) {
            throw error(e.where().at() + ":" + e.column() + ": error: " + e.getMessage() + e.where().origin());
        }
        runSteps(steps);
    }

    private void runSteps(List<Step> steps) {
        for (Step step : steps) {
            step.runIn(this);
        }
    }

    void runLine(Step.Line line) {
        PrintWriter out = session.out();
        Where where = line.where();
        int metBefore = session.expectationsMet();
        stopIfRequested(where);
        try {
            if (dispatcher.runScriptLine(line.text()) == Dispatcher.Outcome.QUIT) {
                throw new Quit();
            }
            passed += session.expectationsMet() - metBefore;
        } catch (ExpectationFailed e) {
            failed++;
            out.println(session.style().error(where.at() + ": " + e.getMessage() + where.origin()));
        } catch (RequirementUnmet e) {
            out.println(where.at() + ": skipped: " + e.getMessage());
            throw new Stop(SKIPPED, e.getMessage());
        } catch (ConsoleException e) {
            // a wait or sleep that Ctrl-C cut short is the interrupt, not a script error
            stopIfRequested(where);
            throw errorAt(where, line.text(), e);
        } finally {
            lineEnded(out);
        }
        stopIfRequested(where);
    }

    /**
     * A line's output goes out at its end, unless the console is buffered (ringside run: its BufferedConsole writes
     * it soon) and nothing else may write the same file meanwhile: a child of the script, or unsafe mode's SQEs
     * and sys calls on foreign fds (the console's own stdout among them).
     */
    private void lineEnded(PrintWriter out) {
        if (!session.outBuffered() || session.unsafe() || session.procs().hasChildren()) {
            out.flush();
        }
    }

    private void stopIfRequested(Where where) {
        if (stopRequested.getAsBoolean()) {
            String reason = "interrupted at " + where.at();
            session.out().println(session.style().error(where.at() + ": interrupted (Ctrl-C)" + where.origin()));
            session.out().flush();
            throw new Stop(INTERRUPTED, reason);
        }
    }

    void runRepeat(Step.Repeat repeat) {
        Where where = repeat.where();
        List<Token> header;
        try {
            header = dispatcher.variables().expand(Tokenizer.split(repeat.text()));
        } catch (ConsoleException e) {
            throw errorAt(where, repeat.text(), e);
        }
        Token countWord = header.get(1);
        long count;
        try {
            count = Values.parseLong(countWord.text());
        } catch (ValueException e) {
            throw errorAt(where, repeat.text(), new ConsoleException("repeat needs a count: " + e.getMessage(), countWord.column()));
        }
        if (count < 0 || count > MAX_REPEAT) {
            throw errorAt(where, repeat.text(), new ConsoleException("repeat count " + count + " is outside 0.." + MAX_REPEAT,
                    countWord.column()));
        }
        String counter = header.size() == 4 ? header.get(2).text() : null;
        if (counter != null && !Variables.NAME.matcher(counter).matches()) {
            throw errorAt(where, repeat.text(), new ConsoleException("'" + counter
                    + "' is not a variable name for the repeat counter: use letters, digits and _", header.get(2).column()));
        }
        for (long i = 1; i <= count; i++) {
            if (counter != null) {
                dispatcher.variables().set(counter, Long.toString(i));
            }
            runSteps(repeat.body());
        }
    }

    void runInclude(Step.Include include) {
        Where where = include.where();
        List<Token> tokens;
        try {
            tokens = dispatcher.variables().expand(Tokenizer.split(include.text()));
        } catch (ConsoleException e) {
            throw errorAt(where, include.text(), e);
        }
        if (tokens.size() != 2) {
            throw errorAt(where, include.text(), new ConsoleException("include takes one file, relative to this script: include FILE",
                    tokens.getFirst().column()));
        }
        if (where.depth() >= MAX_INCLUDE_DEPTH) {
            throw errorAt(where, include.text(), new ConsoleException("includes nest deeper than " + MAX_INCLUDE_DEPTH
                    + ": does a file include itself?", tokens.get(1).column()));
        }
        Path target = where.file().resolveSibling(tokens.get(1).text());
        if (!Files.isReadable(target)) {
            throw errorAt(where, include.text(), new ConsoleException("cannot read the included file " + target,
                    tokens.get(1).column()));
        }
        try {
            InputFiles.checkRegular(target, "the included file");
        } catch (InputFiles.Refused e) {
            throw errorAt(where, include.text(), new ConsoleException(e.getMessage(), tokens.get(1).column()));
        }
        runFile(target, where);
    }

    private Stop errorAt(Where where, String text, ConsoleException e) {
        int column = e.column() >= 0 ? e.column() + 1 : firstWordColumn(text);
        return error(where.at() + ":" + column + ": error: " + e.getMessage() + where.origin());
    }

    private Stop error(String message) {
        session.out().println(session.style().error(message));
        session.out().flush();
        return new Stop(ERROR, message);
    }

    private static int firstWordColumn(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i + 1;
    }
}
