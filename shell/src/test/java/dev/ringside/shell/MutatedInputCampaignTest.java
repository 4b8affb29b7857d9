package dev.ringside.shell;

import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.script.ScriptRunner;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mutated-input campaign of issue 12, in every CI run: the example scripts' lines, mutated
 * (characters dropped and inserted, numbers at their extremes, words swapped, hostile files and
 * durations), fed as whole scripts to the script runner and line by line to the REPL's dispatcher
 * on real rings. Every outcome must be a verdict or a one-line error (file:line:column in a script),
 * never a stack trace, and every run must end: one that outlives {@link #CTRL_C_AFTER_MILLIS} gets
 * Ctrl-C (the session's cancel, as the console's handler does) and must then stop within
 * {@link #HANG_AFTER_SECONDS}. The counts print as one line, and go to target/reliability/campaign.txt.
 */
class MutatedInputCampaignTest {
    static final long SEED = 12;
    static final int SCRIPTS = 250;
    static final int LINES_PER_SCRIPT = 4;
    static final int REPL_LINES = 1_000;
    /** A fresh REPL session this often, as a user restarting the console: rings and buffers stay few. */
    static final int REPL_SESSION_LINES = 100;
    static final long CTRL_C_AFTER_MILLIS = 2_000;
    /** At the prompt a user presses Ctrl-C sooner: a REPL line out of its context often waits its default 1 s for nothing. */
    static final long REPL_CTRL_C_AFTER_MILLIS = 300;
    static final long HANG_AFTER_SECONDS = 10;

    static final Path EXAMPLES = Path.of("").toAbsolutePath().getParent().resolve("examples");

    /** A script error as the runner prints it: {@code file:line:column: error: ...}. */
    static final Pattern POSITIONED_ERROR = Pattern.compile("^\\S+:\\d+:\\d+: error: .+");

    static final String[] EXTREMES = {"0", "-1", "1", "7", "4097", "65535", "4294967296", "9223372036854775807",
        "18446744073709551615", "18446744073709551616", "-9223372036854775808", "0x", "0xffffffffffffffff", "1e9"};
    static final String[] VALUES = {"", "=", "@nobuf", "@b+999999", "@b-1", "-1", "1h", "61m", "-5ms", "A|B|", "|",
        "\"unterminated", "$undefined", "${x", "#1", "#999", "@/dev/zero", "/dev/zero", ".", "ETIME", "-EINVAL", "0b102",
        "\u00e9", "\u0000", "\\x", "1.5.6s"};
    static final String[] HOSTILE = {"include /dev/zero", "include /dev/urandom", "include .", "include /bin/ls",
        "decode sqe @/dev/zero", "decode sqe @.", "decode sqe @-", "buf alloc z 16 file=/dev/zero", "buf alloc z file=/dev/urandom",
        "sleep 1h", "submit wait=1 timeout=9223372036854775807", "wait wait=1 timeout=59m", "expect cqes=0 timeout=2h",
        "watch cq for=59m", "repeat 99999 {", "}", "{",
        "repeat 3 i {", "let x=", "let =1", "profile load /dev/zero", "profile load .", "ring create entries=4294967296",
        "sqe nop user_data=$i", "help", "help sqe", "quit"};
    /** Mutation characters: syntax, quotes, escapes, non-ASCII, controls. */
    static final String INSERTS = " =|@#{}\"'\\$-+.,:;0x9aZ\t\u00e9\u001b\u2028\ufffd\u00ff";

    /** Lines that would write files, raw pointers or close the test JVM's own stdin/stdout: not fed. */
    static final Pattern NOT_FED = Pattern.compile("(?i).*(unsafe|^\\s*(record|export|trace|file)\\b|\\bsqe\\s+close"
            + "|\\bclose_fd|fd=\\s*[0-2](?![0-9]).*|\\bfixed_fd_install).*");

    record Counts(int fed, int runs, int passedOrFailed, int errors, int positionedErrors, int ctrlC, int hangs,
                  List<String> problems) {
    }

    @TempDir
    Path dir;

    @Test
    void mutatedScriptsAndReplLinesGiveOneLineErrorsAndNeverHang() throws Exception {
        List<List<String>> corpus = corpus();
        Random random = new Random(SEED);
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("campaign").unstarted(r));
        List<String> problems = new ArrayList<>();
        int scriptLines = 0;
        int runs = 0;
        int verdicts = 0;
        int errors = 0;
        int positioned = 0;
        int ctrlC = 0;
        int hangs = 0;
        long start = System.nanoTime();
        try {
            for (int s = 0; s < SCRIPTS && hangs == 0; s++) {
                List<String> lines = new ArrayList<>(corpus.get(random.nextInt(corpus.size())));
                for (int m = 0; m < LINES_PER_SCRIPT; m++) {
                    int at = random.nextInt(lines.size());
                    lines.set(at, fed(random, lines.get(at)));
                }
                scriptLines += LINES_PER_SCRIPT;
                Path file = dir.resolve("m" + s + ".iou");
                Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
                Outcome outcome = runScript(worker, file);
                runs++;
                ctrlC += outcome.ctrlC ? 1 : 0;
                if (outcome.hung) {
                    hangs++;
                    problems.add(file + " hung:\n" + String.join("\n", lines));
                    continue;
                }
                String out = outcome.out;
                if (out.contains("\tat ") || out.contains("Exception") || out.contains("internal error") || out.contains("Error:")) {
                    problems.add(file + " leaked a trace or an internal error:\n" + out + "\nscript:\n" + String.join("\n", lines));
                }
                if (outcome.exit == ScriptRunner.ERROR) {
                    errors++;
                    List<String> errorLines = out.lines().filter(l -> l.contains(" error: ")).toList();
                    if (errorLines.size() == 1 && POSITIONED_ERROR.matcher(errorLines.getFirst()).matches()) {
                        positioned++;
                    } else {
                        problems.add(file + " error without file:line:column: " + errorLines);
                    }
                } else {
                    verdicts++;
                }
            }
            long scriptSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            Counts repl = replCampaign(worker, corpus, random);
            problems.addAll(repl.problems());
            hangs += repl.hangs();
            ctrlC += repl.ctrlC();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            String figures = String.format("mutated-input campaign (seed %d): %d script lines in %d scripts (%d verdicts, %d errors,"
                    + " %d with file:line:column) + %d REPL lines (%d one-line errors); %d needed Ctrl-C, %d hangs,"
                    + " %d stack traces or malformed errors; %d s (scripts %d s)",
                    SEED, scriptLines, runs, verdicts, errors, positioned, repl.fed(), repl.errors(), ctrlC, hangs, problems.size(), seconds,
                    scriptSeconds);
            System.out.println(figures);
            Path report = Path.of("target", "reliability");
            Files.createDirectories(report);
            Files.writeString(report.resolve("campaign.txt"), figures + "\n");
            assertTrue(scriptLines + repl.fed() >= 2_000, figures);
            assertEquals(0, hangs, String.join("\n\n", problems));
            assertEquals(List.of(), problems, figures);
            assertEquals(errors, positioned, figures);
        } finally {
            worker.shutdownNow();
        }
    }

    /** The REPL's loop without a terminal: each line through the dispatcher, errors caught as Repl.run catches them. */
    Counts replCampaign(ExecutorService worker, List<List<String>> corpus, Random random) throws Exception {
        List<String> problems = new ArrayList<>();
        int fed = 0;
        int errors = 0;
        int ctrlC = 0;
        int hangs = 0;
        for (int batch = 0; batch < REPL_LINES / REPL_SESSION_LINES && hangs == 0; batch++) {
            StringWriter screen = new StringWriter();
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < REPL_SESSION_LINES; i++) {
                List<String> script = corpus.get(random.nextInt(corpus.size()));
                String line = script.get(random.nextInt(script.size()));
                lines.add(random.nextInt(3) == 0 ? line : fed(random, line));
            }
            Session session = new Session(new PrintWriter(screen, true), Style.detect(false, null));
            try {
                Dispatcher dispatcher = worker.submit(() -> new Dispatcher(session)).get();
                for (String line : lines) {
                    fed++;
                    AtomicBoolean quit = new AtomicBoolean();
                    Future<String> result = worker.submit(() -> {
                        try {
                            quit.set(dispatcher.run(line) == Dispatcher.Outcome.QUIT);
                            return null;
                        } catch (ConsoleException e) {
                            return e.getMessage();
                        } catch (ExpectationFailed e) {
                            return null;
                        }
                    });
                    String error;
                    try {
                        error = await(result, session, REPL_CTRL_C_AFTER_MILLIS);
                    } catch (CtrlC c) {
                        ctrlC++;
                        error = c.result;
                    } catch (TimeoutException e) {
                        hangs++;
                        problems.add("REPL line hung: " + line);
                        break;
                    } catch (ExecutionException e) {
                        problems.add("REPL line '" + line + "' reached the user as " + e.getCause());
                        continue;
                    }
                    if (error != null) {
                        errors++;
                        if (error.contains("\n") || error.contains("Exception") || error.startsWith("internal error")) {
                            problems.add("REPL line '" + line + "' gave a malformed error: " + error);
                        }
                    }
                }
            } finally {
                worker.submit(session::close).get(HANG_AFTER_SECONDS, TimeUnit.SECONDS);
            }
            String out = screen.toString();
            if (out.contains("\tat ") || out.contains("Exception")) {
                problems.add("REPL session leaked a trace:\n" + out);
            }
        }
        return new Counts(fed, REPL_LINES / REPL_SESSION_LINES, 0, errors, 0, ctrlC, hangs, problems);
    }

    /** Ctrl-C was needed: the run ended after the session's cancel. */
    static final class CtrlC extends Exception {
        final String result;

        CtrlC(String result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    /** The result, after Ctrl-C (session.cancel) when slow; a TimeoutException when even that did not stop it. */
    static <T> T await(Future<T> result, Session session, long ctrlCAfterMillis) throws Exception {
        try {
            return result.get(ctrlCAfterMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_AFTER_SECONDS);
            while (System.nanoTime() < end) {
                session.cancel();
                try {
                    T value = result.get(50, TimeUnit.MILLISECONDS);
                    throw new CtrlC(value == null ? null : value.toString());
                } catch (TimeoutException stillRunning) {
                    // cancel again: a wait starting after the first cancel clears the flag
                }
            }
            throw new TimeoutException();
        }
    }

    record Outcome(int exit, String out, boolean ctrlC, boolean hung) {
    }

    /** A script in a fresh session on the worker thread, stopped by Ctrl-C when slow, as `ringside run` does. */
    static Outcome runScript(ExecutorService worker, Path file) throws Exception {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        Session session = new Session(out, Style.detect(false, null));
        AtomicBoolean stop = new AtomicBoolean();
        Future<Integer> run = worker.submit(() -> {
            try (session) {
                return new ScriptRunner(session).stopWhen(stop::get).run(file).exitCode();
            }
        });
        try {
            return new Outcome(run.get(CTRL_C_AFTER_MILLIS, TimeUnit.MILLISECONDS), text.toString(), false, false);
        } catch (TimeoutException slow) {
            stop.set(true);
            try {
                await(run, session, 0);
                return new Outcome(run.get(), text.toString(), true, false);
            } catch (CtrlC c) {
                return new Outcome(run.get(), text.toString(), true, false);
            } catch (TimeoutException hung) {
                return new Outcome(-1, text.toString(), true, true);
            }
        } catch (ExecutionException e) {
            return new Outcome(-1, text + "\n" + e.getCause() + "\n\tat (reached the runner)", false, false);
        }
    }

    /** The examples' command lines (comments and blank lines dropped), a list per script. */
    static List<List<String>> corpus() throws IOException {
        List<List<String>> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".iou")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file).stream().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#") && !NOT_FED.matcher(l).matches()).toList();
                if (!lines.isEmpty()) {
                    scripts.add(lines);
                }
            }
        }
        assertTrue(scripts.size() >= 10, "examples not found under " + EXAMPLES);
        return scripts;
    }

    /** A mutation of {@code line} that is safe to feed (see {@link #NOT_FED}). */
    static String fed(Random random, String line) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String mutated = mutate(random, line);
            int more = random.nextInt(3);
            for (int i = 0; i < more; i++) {
                mutated = mutate(random, mutated);
            }
            if (!NOT_FED.matcher(mutated).matches()) {
                return mutated;
            }
        }
        return "help";
    }

    static String mutate(Random random, String line) {
        List<String> words = new ArrayList<>(List.of(line.split(" ", -1)));
        int w = random.nextInt(words.size());
        switch (random.nextInt(10)) {
            case 0 -> {
                if (!line.isEmpty()) {
                    int at = random.nextInt(line.length());
                    return line.substring(0, at) + line.substring(at + 1);
                }
                return line;
            }
            case 1 -> {
                int at = random.nextInt(line.length() + 1);
                return line.substring(0, at) + INSERTS.charAt(random.nextInt(INSERTS.length())) + line.substring(at);
            }
            case 2 -> {
                return line.replaceFirst("[0-9]+", EXTREMES[random.nextInt(EXTREMES.length)]);
            }
            case 3 -> {
                if (words.size() > 1) {
                    words.remove(w);
                }
            }
            case 4 -> words.add(w, words.get(w));
            case 5 -> {
                int v = random.nextInt(words.size());
                String t = words.get(w);
                words.set(w, words.get(v));
                words.set(v, t);
            }
            case 6 -> {
                return line.substring(0, random.nextInt(line.length() + 1));
            }
            case 7 -> {
                String word = words.get(w);
                int eq = word.indexOf('=');
                words.set(w, (eq < 0 ? word + "=" : word.substring(0, eq + 1)) + VALUES[random.nextInt(VALUES.length)]);
            }
            case 8 -> {
                return HOSTILE[random.nextInt(HOSTILE.length)];
            }
            default -> {
                return random.nextBoolean() ? line.toUpperCase(java.util.Locale.ROOT) : line + " " + line;
            }
        }
        return String.join(" ", words);
    }
}
