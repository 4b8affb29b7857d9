package dev.ringside.examples;

import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.shell.export.CExporter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example the C exporter supports, exported as C, compiled with gcc -Wall -Werror and run on
 * this kernel, prints the same CQEs as the console (user_data, res, flags; as a multiset between
 * two submits, since the kernel may complete a batch in any order) and exits as the script did.
 */
class CExportMatchesConsoleTest {
    /** Examples the exporter cannot reproduce yet, and why. */
    static final Map<String, String> UNSUPPORTED = Map.of();

    /** The console's line (indented inside a multishot group): errno name after res, bid= and big= (a big CQE's extra 16 bytes). */
    static final Pattern CONSOLE_CQE = Pattern.compile(
            "^\\s*cqe user_data=(\\d+) res=(-?\\d+)(?: \\w+)? flags=(\\S+)(?: bid=(\\d+))?(?: big=([0-9a-f]{32}))?");
    /** The console's tally; the C program prints "ok expect ..." for each expectation met. */
    static final Pattern CONSOLE_MET = Pattern.compile("\\((\\d+) expectations? met");
    /** An io_uring_register call and its result: the console's call line, its argument, then "  = RES"; the C program's one line. */
    static final Pattern CONSOLE_REGISTER = Pattern.compile(
            "^io_uring_register\\([^,]+, (\\w+) \\(\\d+\\),[^\\n]*\\n(?:(?!  = )[^\\n]*\\n)*?  = (-?\\d+)", Pattern.MULTILINE);
    static final Pattern C_REGISTER = Pattern.compile("^io_uring_register\\([^,]+, (\\w+) \\(\\d+\\), nr_args \\d+\\) = (-?\\d+)$",
            Pattern.MULTILINE);
    static final Pattern C_CQE = Pattern.compile("^cqe user_data=(\\d+) res=(-?\\d+) flags=(\\d+)()(?: big=([0-9a-f]{32}))?$");

    @TempDir
    Path dir;

    /** One completion; {@code big} is the hex of a big CQE's extra bytes, "" for a 16-byte CQE. */
    record Cqe(String userData, int res, long flags, String big) implements Comparable<Cqe> {
        @Override
        public int compareTo(Cqe o) {
            int byUserData = userData.compareTo(o.userData);
            return byUserData != 0 ? byUserData : res != o.res ? Integer.compare(res, o.res)
                    : flags != o.flags ? Long.compare(flags, o.flags) : big.compareTo(o.big);
        }
    }

    @TestFactory
    Stream<DynamicTest> exportedCPrintsTheConsolesCompletions() throws IOException {
        Assumptions.assumeTrue(gccAvailable(), "gcc is not installed");
        return ExamplesTest.scripts().stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
            String name = script.getFileName().toString();
            Assumptions.assumeFalse(UNSUPPORTED.containsKey(name), () -> name + ": " + UNSUPPORTED.get(name));
            ExamplesTest.Run console = ExamplesTest.run(script);
            Path c = dir.resolve(name.replace(".iou", ".c"));
            Files.writeString(c, CExporter.fromScript(script));
            Path binary = dir.resolve(name.replace(".iou", ""));
            Result gcc = exec(List.of("gcc", "-Wall", "-Werror", "-o", binary.toString(), c.toString()));
            assertEquals(0, gcc.exitCode(), "gcc -Wall -Werror " + c + ":\n" + gcc.output());
            Result program = exec(List.of(binary.toString()));
            assertEquals(console.exitCode(), program.exitCode(), "exit code of the C program vs the script\n" + program.output()
                    + "\n--- console:\n" + console.output());
            assertEquals(cqesBySubmit(console.output(), CONSOLE_CQE), cqesBySubmit(program.output(), C_CQE),
                    "CQEs of the C program vs the console\n--- C:\n" + program.output() + "\n--- console:\n" + console.output());
            List<String> registers = registers(console.output(), CONSOLE_REGISTER);
            assertEquals(registers, registers(program.output(), C_REGISTER),
                    "io_uring_register calls and results of the C program vs the console\n--- C:\n" + program.output());
            assertTrue(program.output().contains("cqe user_data=") || !registers.isEmpty(),
                    "the C program printed no CQE and made no io_uring_register call: nothing was compared\n" + program.output());
            Matcher met = CONSOLE_MET.matcher(console.output());
            assertTrue(met.find(), console.output());
            assertEquals(Long.parseLong(met.group(1)), program.output().lines().filter(l -> l.startsWith("ok expect ")).count(),
                    "expectations met (ok) by the C program vs the console\n--- C:\n" + program.output());
        }));
    }

    /** Each io_uring_register call as "OPCODE = RESULT", in order. */
    static List<String> registers(String output, Pattern line) {
        List<String> out = new ArrayList<>();
        Matcher m = line.matcher(output);
        while (m.find()) {
            out.add(m.group(1) + " = " + m.group(2));
        }
        return out;
    }

    /** The CQE lines, sorted within each stretch between two "submitted" lines. */
    static List<List<Cqe>> cqesBySubmit(String output, Pattern cqeLine) {
        List<List<Cqe>> groups = new ArrayList<>();
        List<Cqe> current = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (line.startsWith("submitted ")) {
                groups.add(current.stream().sorted().toList());
                current = new ArrayList<>();
                continue;
            }
            Matcher m = cqeLine.matcher(line);
            if (m.find()) {
                long flags = FlagSets.CQE.parse(m.group(3));
                if (m.group(4) != null && !m.group(4).isEmpty()) {
                    flags |= Long.parseLong(m.group(4)) << 16;
                }
                current.add(new Cqe(m.group(1), Integer.parseInt(m.group(2)), flags, m.group(5) == null ? "" : m.group(5)));
            }
        }
        groups.add(current.stream().sorted().toList());
        return groups;
    }

    record Result(int exitCode, String output) {
    }

    static Result exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 30 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static boolean gccAvailable() {
        try {
            return exec(List.of("gcc", "--version")).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
