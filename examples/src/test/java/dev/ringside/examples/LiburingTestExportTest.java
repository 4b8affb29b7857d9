package dev.ringside.examples;

import dev.ringside.shell.export.CExporter;
import dev.ringside.tracer.journal.Event;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code export c --liburing-test}: three examples written in liburing's test conventions, built with
 * gcc -Wall -Werror -luring against this machine's liburing-dev (.ci/run installs it), run on this
 * kernel: T_EXIT_PASS, or T_EXIT_SKIP where a trial finds the kernel lacks what the script requires.
 */
class LiburingTestExportTest {
    /**
     * A ring liburing sets up (DEFER_TASKRUN), a script that requires opcodes, one that requires a feature and an opcode;
     * and ports of liburing's own tests back into its conventions: a failing link, timeouts breaking links, skipped CQEs
     * in chains, a listener in fixed slots.
     */
    static final List<String> EXAMPLES = List.of("hello.iou", "timeouts.iou", "msg-ring.iou",
            "liburing/link-fail.iou", "liburing/timeout-flags.iou", "liburing/skip-cqe-links.iou", "liburing/accept-cancel.iou");

    @TempDir
    Path dir;

    record Result(int exitCode, String output) {
    }

    static Result exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Builds with liburing and runs it; the exit status and output. */
    private Result buildAndRun(String name, String program) throws IOException, InterruptedException {
        assertTrue(Files.exists(Path.of("/usr/include/liburing.h")),
                "liburing-dev is not installed: .ci/run installs it (apt-get install liburing-dev)");
        Path c = dir.resolve(name + ".c");
        Files.writeString(c, program);
        Path binary = dir.resolve(name);
        Result gcc = exec(List.of("gcc", "-Wall", "-Werror", "-o", binary.toString(), c.toString(), "-luring"));
        assertEquals(0, gcc.exitCode(), gcc.output());
        // liburing's calls are the program's, not only its header's: the binary imports them
        Result nm = exec(List.of("nm", "-u", binary.toString()));
        assertTrue(nm.output().contains("io_uring_get_probe") || nm.output().contains("io_uring_queue_init_params"), nm.output());
        return exec(List.of(binary.toString()));
    }

    @TestFactory
    Stream<DynamicTest> examplesBuildAgainstLiburingAndPassOrSkip() {
        return EXAMPLES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path script = ExamplesTest.scripts().stream().filter(p -> ExamplesTest.displayName(p).equals(name)).findFirst()
                    .orElseThrow();
            String program = CExporter.liburingTestFromScript(script);
            assertTrue(program.contains("#include <liburing.h>") && program.contains("#define T_EXIT_SKIP 77"), program);
            assertTrue(program.contains("io_uring_queue_init_params(") && program.contains("io_uring_submit("), program);
            Result run = buildAndRun(name.replace('/', '-').replace(".iou", ""), program);
            assertTrue(run.exitCode() == 0 || run.exitCode() == 77 && run.output().startsWith("skipped: require"),
                    name + " exited " + run.exitCode() + ":\n" + run.output());
        }));
    }

    @Test
    void aRequirementTheKernelRefusesSkipsWith77() throws Exception {
        // no kernel knows setup flag bit 31: io_uring_queue_init_params answers -EINVAL, the trial says skip
        String program = CExporter.liburingTest(List.of(new Event.CommandRan(0, "require setup=0x80000000", true)), "trial");
        Result run = buildAndRun("skips", program);
        assertEquals(77, run.exitCode(), run.output());
        assertTrue(run.output().contains("skipped: require setup=0x80000000: io_uring_queue_init_params refuses"), run.output());
    }
}
