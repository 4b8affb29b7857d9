package dev.ringside.examples;

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
 * this kernel, prints the same CQE lines as the console, character for character up to the console's
 * label ({@code cqe user_data=2 res=-62 ETIME flags=0}; as a multiset between two submits, since the
 * kernel may complete a batch in any order), the same submitted lines and register results, and exits
 * as the script did.
 */
class CExportMatchesConsoleTest {
    /** Examples the exporter cannot reproduce yet, and why (the ports of liburing's tests are named liburing/NAME.iou). */
    static final Map<String, String> UNSUPPORTED = Map.of();

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

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> exportedCPrintsTheConsolesCompletions() throws IOException {
        Assumptions.assumeTrue(gccAvailable(), "gcc is not installed");
        return ExamplesTest.scripts().stream().map(script -> DynamicTest.dynamicTest(ExamplesTest.displayName(script), () -> {
            // examples/liburing/ ports are named liburing/NAME.iou here and in UNSUPPORTED
            String name = ExamplesTest.displayName(script);
            Assumptions.assumeFalse(UNSUPPORTED.containsKey(name), () -> name + ": " + UNSUPPORTED.get(name));
            ExamplesTest.Run console = ExamplesTest.run(script);
            // a script this kernel lacks a capability for runs nothing to compare: it skips here too, with the console's reason
            Assumptions.assumeFalse(console.exitCode() == dev.ringside.shell.script.ScriptRunner.SKIPPED,
                    () -> name + " skipped: " + console.output().lines().filter(l -> l.contains(": skipped")).findFirst().orElse(""));
            Path c = dir.resolve(name.replace('/', '-').replace(".iou", ".c"));
            Files.writeString(c, CExporter.fromScript(script));
            Path binary = dir.resolve(name.replace('/', '-').replace(".iou", ""));
            Result gcc = exec(List.of("gcc", "-Wall", "-Werror", "-o", binary.toString(), c.toString()));
            assertEquals(0, gcc.exitCode(), "gcc -Wall -Werror " + c + ":\n" + gcc.output());
            Result program = exec(List.of(binary.toString()));
            assertEquals(console.exitCode(), program.exitCode(), "exit code of the C program vs the script\n" + program.output()
                    + "\n--- console:\n" + console.output());
            List<List<String>> consoleCqes = cqesBySubmit(console.output(), CONSOLE_CQE);
            assertEquals(withFdsAsFd(consoleCqes, returnedFds(console.output())),
                    withFdsAsFd(cqesBySubmit(program.output(), C_CQE), returnedFds(console.output())),
                    "CQEs of the C program vs the console\n--- C:\n" + program.output() + "\n--- console:\n" + console.output());
            assertEquals(submits(console.output()), submits(program.output()),
                    "submitted lines of the C program vs the console\n--- C:\n" + program.output());
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

    /** The CQE lines as printed (the console's without its label), sorted within each stretch between two "submitted" lines. */
    static List<List<String>> cqesBySubmit(String output, Pattern cqeLine) {
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
    static final Pattern FD_NOTE = Pattern.compile("^note: fd \\d+ from ");

    /**
     * Per stretch between two submits, the user_data of the CQEs whose res is an fd the console adopted: the JVM's fd
     * numbers are not the C program's, so both sides compare such a res as "FD".
     */
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

    /** Each CQE line whose user_data returned an fd in that stretch, with res >= 0 written "res=FD". */
    static List<List<String>> withFdsAsFd(List<List<String>> groups, List<java.util.Set<String>> fds) {
        List<List<String>> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            java.util.Set<String> these = g < fds.size() ? fds.get(g) : java.util.Set.of();
            out.add(groups.get(g).stream().map(cqe -> these.contains(cqe.substring(0, cqe.indexOf(" res=")))
                    ? cqe.replaceFirst(" res=\\d+ ", " res=FD ") : cqe).sorted().toList());
        }
        return out;
    }

    static final Pattern HEX_USER_DATA = Pattern.compile("^cqe user_data=0x([0-9a-f]+) ");

    /** {@code cqe user_data=0x10 ...} as {@code cqe user_data=16 ...}: the C program prints user_data in decimal. */
    static String decimalUserData(String cqe) {
        Matcher hex = HEX_USER_DATA.matcher(cqe);
        return hex.find() ? "cqe user_data=" + Long.toUnsignedString(Long.parseUnsignedLong(hex.group(1), 16)) + " "
                + cqe.substring(hex.end()) : cqe;
    }

    /** The "submitted N SQEs to RING..." lines, in order. */
    static List<String> submits(String output) {
        return output.lines().filter(l -> l.startsWith("submitted ")).toList();
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
