package dev.ringside.examples;

import dev.ringside.shell.export.CComparison;
import dev.ringside.shell.export.CExporter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every example the C exporter supports, exported as C, compiled with gcc -Wall -Werror and run on
 * this kernel, agrees with the console by {@link CComparison#differences}: the same CQE lines up to the
 * console's label, submitted lines, register results, expectations met and exit code. The examples this
 * kernel lacks a feature for skip here; {@code ringside run --kernel debian:sid --compare-c} (.ci/run)
 * makes the same comparison on the kernel that has it.
 */
class CExportMatchesConsoleTest {
    /** Examples the exporter cannot reproduce yet, and why (the ports of liburing's tests are named liburing/NAME.iou). */
    static final Map<String, String> UNSUPPORTED = Map.of();

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
            String program = CExporter.fromScript(script);
            Files.writeString(c, program);
            Path binary = dir.resolve(name.replace('/', '-').replace(".iou", ""));
            // built as the program's header says (gcc -Wall -Werror ..., -lbpf when it loads a BPF loop)
            List<String> build = CComparison.buildCommand(program, c, binary);
            Result gcc = exec(build);
            assertEquals(0, gcc.exitCode(), String.join(" ", build) + ":\n" + gcc.output());
            Result run = exec(List.of(binary.toString()));
            // the comparison ringside run --compare-c makes, also inside the VMs of --kernel
            assertEquals(List.of(), CComparison.differences(console.output(), console.exitCode(), run.output(), run.exitCode()),
                    "the C program vs the console\n--- C:\n" + run.output() + "\n--- console:\n" + console.output());
        }));
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
