package dev.ringside.shell.export;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.script.ScriptRunner;
import dev.ringside.tracer.journal.Event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script's run in the console against its export as C: the journal exported, compiled as the program's
 * own header says ({@code build: gcc ...}), run on this kernel, and compared with what the console printed:
 * the same CQE lines character for character up to the console's label ({@code cqe user_data=2 res=-62 ETIME flags=0};
 * as a multiset between two submits, since the kernel may complete a batch in any order), the same submitted
 * lines and register results, as many expectations met, and the same exit code. Shared by
 * {@code ringside run --compare-c} (also inside a VM of {@code --kernel}) and the examples' test.
 */
public final class CComparison {
    /**
     * The console's line (indented inside a multishot group): user_data in hex when it was typed in hex (normalised to
     * the C program's decimal before comparing), errno name after res, bid= and big= (a big CQE's extra 16 bytes).
     */
    static final Pattern CONSOLE_CQE = Pattern.compile(
            "^\\s*(cqe user_data=(?:0x[0-9a-f]+|\\d+) res=-?\\d+(?: E[A-Z0-9]+)? flags=\\S+(?: bid=\\d+)?(?: big=[0-9a-f]{32})?)");
    /** The console's tally; the C program prints "ok expect ..." for each expectation met. */
    static final Pattern CONSOLE_MET = Pattern.compile("\\((\\d+) expectations? met");
    /** An io_uring_register call and its result: the console's call line, its argument, then "  = RES"; the C program's one line. */
    static final Pattern CONSOLE_REGISTER = Pattern.compile(
            "^io_uring_register\\([^,]+, (\\w+) \\(\\d+\\),[^\\n]*\\n(?:(?!  = )[^\\n]*\\n)*?  = (-?\\d+(?: E[A-Z0-9]+)?)", Pattern.MULTILINE);
    static final Pattern C_REGISTER = Pattern.compile("^io_uring_register\\([^,]+, (\\w+) \\(\\d+\\), nr_args \\d+\\) = (-?\\d+(?: E[A-Z0-9]+)?)$",
            Pattern.MULTILINE);
    /** The C program's line is the console's without its label: nothing may follow. */
    static final Pattern C_CQE = Pattern.compile(
            "^(cqe user_data=\\d+ res=-?\\d+(?: E[A-Z0-9]+)? flags=\\S+(?: bid=\\d+)?(?: big=[0-9a-f]{32})?)$");
    /** The header comment's build line: how the program says it is built. */
    private static final Pattern BUILD_LINE = Pattern.compile("^ \\* build: (.+)$", Pattern.MULTILINE);

    private CComparison() {
    }

    /** What the console did: its exit code, its output (verdict line included) and its journal. */
    public record Console(int exitCode, String output, List<Event> journal) {
    }

    /** A verdict as {@code ringside run} prints one: passed, FAILED or skipped, and why; the C program's output when it ran. */
    public record Outcome(String word, String detail, String programOutput) {
        public boolean passed() {
            return word.equals("passed");
        }

        public boolean skipped() {
            return word.equals("skipped");
        }
    }

    /** Exports the console's run as C in {@code dir}, builds and runs it, and compares. */
    public static Outcome compare(Path script, Console console, Path dir) {
        if (console.exitCode() == ScriptRunner.SKIPPED) {
            return new Outcome("skipped", "the script skipped on this kernel: nothing ran to export", "");
        }
        if (console.exitCode() != ScriptRunner.PASSED && console.exitCode() != ScriptRunner.FAILED) {
            return new Outcome("skipped", "the script did not run through (exit " + console.exitCode() + "): nothing to compare", "");
        }
        if (!gccAvailable()) {
            return new Outcome("skipped", "gcc is not installed", "");
        }
        long start = System.nanoTime();
        String name = script.getFileName().toString().replaceFirst("\\.iou$", "");
        String program;
        try {
            program = CExporter.program(console.journal(), script.toString());
        } catch (ConsoleException e) {
            return new Outcome("FAILED", e.getMessage(), "");
        }
        long exported = System.nanoTime();
        try {
            Path c = dir.resolve(name + ".c");
            Path binary = dir.resolve(name);
            Files.writeString(c, program);
            Run gcc = exec(buildCommand(program, c, binary), dir);
            if (gcc.exitCode() != 0) {
                return new Outcome("FAILED", String.join(" ", buildCommand(program, c, binary)) + " failed: "
                        + gcc.output().lines().filter(l -> l.contains("error")).findFirst().orElse(gcc.output().strip()), gcc.output());
            }
            long built = System.nanoTime();
            Run run = exec(List.of(binary.toString()), dir);
            List<String> differences = differences(console.output(), console.exitCode(), run.output(), run.exitCode());
            // the times say where a slow run (a VM under TCG) spends them
            String took = String.format("; exported in %.1f s, built in %.1f s, ran in %.1f s", (exported - start) / 1e9,
                    (built - exported) / 1e9, (System.nanoTime() - built) / 1e9);
            return differences.isEmpty()
                    ? new Outcome("passed", "the C export prints the same CQEs, submits and register results, exit " + run.exitCode() + took,
                    run.output())
                    : new Outcome("FAILED", String.join("; ", differences), run.output());
        } catch (IOException e) {
            return new Outcome("FAILED", "cannot build or run the C export: " + e.getMessage(), "");
        }
    }

    /** The build line of the program's header with repro.c and repro as these paths: the exported C says how it is built. */
    public static List<String> buildCommand(String program, Path c, Path binary) {
        Matcher m = BUILD_LINE.matcher(program);
        String line = m.find() ? m.group(1).strip() : CExporter.BUILD;
        List<String> words = new ArrayList<>();
        for (String word : line.split("\\s+")) {
            words.add(switch (word) {
                case "repro.c", "test.c" -> c.toString();
                case "repro", "test" -> binary.toString();
                default -> word;
            });
        }
        return words;
    }

    /** Every way the C program's run differs from the console's; empty when they agree. */
    public static List<String> differences(String console, int consoleExit, String program, int programExit) {
        List<String> out = new ArrayList<>();
        if (consoleExit != programExit) {
            out.add("exit " + programExit + " (the console's: " + consoleExit + ")");
        }
        // an fd the console adopted from a CQE is the JVM's number, not the C program's: both sides compare it as res=FD
        List<java.util.Set<String>> fds = returnedFds(console);
        List<List<String>> consoleCqes = withFdsAsFd(cqesBySubmit(console, CONSOLE_CQE), fds);
        List<List<String>> programCqes = withFdsAsFd(cqesBySubmit(program, C_CQE), fds);
        if (!consoleCqes.equals(programCqes)) {
            out.add("CQEs differ " + firstDifference(consoleCqes, programCqes));
        }
        if (!submits(console).equals(submits(program))) {
            out.add("submitted lines differ: " + submits(program) + " (the console's: " + submits(console) + ")");
        }
        List<String> registers = registers(console, CONSOLE_REGISTER);
        if (!registers.equals(registers(program, C_REGISTER))) {
            out.add("io_uring_register calls differ: " + registers(program, C_REGISTER) + " (the console's: " + registers + ")");
        }
        if (!program.contains("cqe user_data=") && registers.isEmpty()) {
            out.add("the C program printed no CQE and made no io_uring_register call: nothing was compared");
        }
        Matcher met = CONSOLE_MET.matcher(console);
        long ok = program.lines().filter(l -> l.startsWith("ok expect ")).count();
        if (!met.find()) {
            out.add("the console printed no tally of expectations");
        } else if (Long.parseLong(met.group(1)) != ok) {
            out.add(ok + " expectations met (the console's: " + met.group(1) + ")");
        }
        return out;
    }

    private static String firstDifference(List<List<String>> console, List<List<String>> program) {
        for (int i = 0; i < Math.max(console.size(), program.size()); i++) {
            List<String> a = i < console.size() ? console.get(i) : List.of();
            List<String> b = i < program.size() ? program.get(i) : List.of();
            if (!Objects.equals(a, b)) {
                return "after submit " + i + ": C " + b + ", console " + a;
            }
        }
        return "";
    }

    /** Each io_uring_register call as "OPCODE = RESULT", in order. */
    public static List<String> registers(String output, Pattern line) {
        List<String> out = new ArrayList<>();
        Matcher m = line.matcher(output);
        while (m.find()) {
            out.add(m.group(1) + " = " + m.group(2));
        }
        return out;
    }

    /** The CQE lines as printed (the console's without its label), sorted within each stretch between two "submitted" lines. */
    public static List<List<String>> cqesBySubmit(String output, Pattern cqeLine) {
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (line.startsWith("submitted ")) {
                groups.add(current.stream().sorted().toList());
                current = new ArrayList<>();
                continue;
            }
            Matcher m = cqeLine.matcher(line);
            if (m.find()) {
                current.add(decimalUserData(m.group(1)));
            }
        }
        groups.add(current.stream().sorted().toList());
        return groups;
    }

    /** The console's note after a CQE whose res is an fd it adopted (OPENAT, SOCKET, ACCEPT...): the number is the process's. */
    private static final Pattern FD_NOTE = Pattern.compile("^note: fd \\d+ from ");

    /** Per stretch between two submits, the "cqe user_data=U" of the CQEs whose res is an fd the console adopted. */
    static List<java.util.Set<String>> returnedFds(String console) {
        List<java.util.Set<String>> groups = new ArrayList<>();
        java.util.Set<String> current = new java.util.HashSet<>();
        String last = null;
        for (String line : console.lines().toList()) {
            if (line.startsWith("submitted ")) {
                groups.add(current);
                current = new java.util.HashSet<>();
                continue;
            }
            Matcher m = CONSOLE_CQE.matcher(line);
            if (m.find()) {
                last = decimalUserData(m.group(1));
            } else if (FD_NOTE.matcher(line).find() && last != null) {
                current.add(last.substring(0, last.indexOf(" res=")));
            }
        }
        groups.add(current);
        return groups;
    }

    /** Each CQE line whose user_data returned an fd in that stretch, with its res written "res=FD". */
    static List<List<String>> withFdsAsFd(List<List<String>> groups, List<java.util.Set<String>> fds) {
        List<List<String>> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            java.util.Set<String> these = g < fds.size() ? fds.get(g) : java.util.Set.of();
            out.add(groups.get(g).stream().map(cqe -> these.contains(cqe.substring(0, cqe.indexOf(" res=")))
                    ? cqe.replaceFirst(" res=\\d+ ", " res=FD ") : cqe).sorted().toList());
        }
        return out;
    }

    private static final Pattern HEX_USER_DATA = Pattern.compile("^cqe user_data=0x([0-9a-f]+) ");

    /** {@code cqe user_data=0x10 ...} as {@code cqe user_data=16 ...}: the C program prints user_data in decimal. */
    static String decimalUserData(String cqe) {
        Matcher hex = HEX_USER_DATA.matcher(cqe);
        return hex.find() ? "cqe user_data=" + Long.toUnsignedString(Long.parseUnsignedLong(hex.group(1), 16)) + " "
                + cqe.substring(hex.end()) : cqe;
    }

    /** The "submitted N SQEs to RING..." lines, in order. */
    public static List<String> submits(String output) {
        return output.lines().filter(l -> l.startsWith("submitted ")).toList();
    }

    record Run(int exitCode, String output) {
    }

    /** A bounded run (60 s: gcc under TCG is slow), stdout and stderr together. */
    static Run exec(List<String> command, Path dir) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        // read aside, so a program that hangs is still stopped at the limit
        java.util.concurrent.CompletableFuture<byte[]> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish in 60 s");
            }
            return new Run(p.exitValue(), new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("cannot read the output of " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    public static boolean gccAvailable() {
        try {
            return exec(List.of("gcc", "--version"), Path.of(System.getProperty("java.io.tmpdir"))).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
