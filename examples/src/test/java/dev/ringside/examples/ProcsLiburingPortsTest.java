package dev.ringside.examples;

import dev.ringside.shell.export.CExporter;
import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The liburing ports that need other processes and threads (examples/liburing: waitid, poll-thread,
 * single-issuer, msg-ring-remote) pass on this kernel, and their C export (posix_spawnp, pthread,
 * the same plain calls), built with gcc -Wall -Werror, prints the same CQEs and meets as many
 * expectations as the console did, as CExportMatchesConsoleTest checks for examples/*.iou.
 */
class ProcsLiburingPortsTest {
    static final List<String> PORTS = List.of("waitid.iou", "poll-thread.iou", "single-issuer.iou", "msg-ring-remote.iou");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> portsPassAndTheirCDoesTheSame() {
        Assumptions.assumeTrue(CExportMatchesConsoleTest.gccAvailable(), "gcc is not installed");
        return PORTS.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path script = ExamplesTest.EXAMPLES.resolve("liburing").resolve(name);
            ExamplesTest.Run console = ExamplesTest.run(script);
            Assumptions.assumeFalse(console.exitCode() == ScriptRunner.SKIPPED, () -> name + " skipped: " + console.output());
            assertEquals(ScriptRunner.PASSED, console.exitCode(), console.output());
            assertTrue(Files.readAllLines(script).getFirst().startsWith("# liburing test/"), "first line names the liburing test");
            Path c = dir.resolve(name.replace(".iou", ".c"));
            Files.writeString(c, CExporter.fromScript(script));
            Path binary = dir.resolve(name.replace(".iou", ""));
            CExportMatchesConsoleTest.Result gcc = CExportMatchesConsoleTest.exec(
                    List.of("gcc", "-Wall", "-Werror", "-o", binary.toString(), c.toString()));
            assertEquals(0, gcc.exitCode(), gcc.output());
            CExportMatchesConsoleTest.Result program = CExportMatchesConsoleTest.exec(List.of(binary.toString()));
            assertEquals(0, program.exitCode(), program.output());
            assertEquals(CExportMatchesConsoleTest.cqesBySubmit(console.output(), CExportMatchesConsoleTest.CONSOLE_CQE),
                    CExportMatchesConsoleTest.cqesBySubmit(program.output(), CExportMatchesConsoleTest.C_CQE),
                    "CQEs of the C program vs the console\n--- C:\n" + program.output() + "\n--- console:\n" + console.output());
            Matcher met = CExportMatchesConsoleTest.CONSOLE_MET.matcher(console.output());
            assertTrue(met.find(), console.output());
            assertEquals(Long.parseLong(met.group(1)), program.output().lines().filter(l -> l.startsWith("ok expect ")).count(),
                    program.output());
        }));
    }
}
