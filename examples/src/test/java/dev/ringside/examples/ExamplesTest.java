package dev.ringside.examples;

import dev.ringside.shell.Main;
import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every script in examples/ runs on the real kernel and must pass; a broken copy must fail by line. */
class ExamplesTest {
    /** Surefire runs in the module directory, which is examples/ itself. */
    static final Path EXAMPLES = Path.of("").toAbsolutePath();

    private static final Pattern SKIP_REASON = Pattern.compile(": skipped \\((.+)\\)\n");

    record Run(int exitCode, String output) {
    }

    static Run run(Path script) {
        StringWriter text = new StringWriter();
        int code = Main.runScript(script, new PrintWriter(text, true));
        return new Run(code, text.toString());
    }

    /** The ports of liburing's regression tests (issue 16), each naming the test/FILE.c case it mirrors. */
    static final Path LIBURING_PORTS = EXAMPLES.resolve("liburing");

    /** A port's first line: "# liburing test/FILE.c: CASE — what it checks". */
    static final Pattern PORT_HEADER = Pattern.compile("^# liburing test/[\\w.-]+\\.c: \\S.* — \\S.*");

    /** examples/*.iou, then examples/liburing/*.iou: both run as tests the same way. */
    static List<Path> scripts() throws IOException {
        List<Path> all = new java.util.ArrayList<>(scriptsIn(EXAMPLES));
        if (Files.isDirectory(LIBURING_PORTS)) {
            all.addAll(scriptsIn(LIBURING_PORTS));
        }
        return all;
    }

    private static List<Path> scriptsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".iou")).filter(ExamplesTest::selected).sorted().toList();
        }
    }

    /**
     * -Dexamples.only=NAME.iou[,NAME.iou...] runs only those (a change to one needs no run of them all); a port
     * matches by its file name or by its display name liburing/NAME.iou.
     */
    static boolean selected(Path script) {
        String only = System.getProperty("examples.only", "");
        if (only.isBlank()) {
            return true;
        }
        List<String> names = java.util.Arrays.stream(only.split(",")).map(String::trim).toList();
        return names.contains(script.getFileName().toString()) || names.contains(displayName(script));
    }

    /** A test's display name: examples/ scripts by file name, ports as liburing/NAME. */
    static String displayName(Path script) {
        return script.getParent().equals(LIBURING_PORTS) ? "liburing/" + script.getFileName() : script.getFileName().toString();
    }

    @TestFactory
    Stream<DynamicTest> everyExamplePasses() throws IOException {
        List<Path> scripts = scripts();
        assertFalse(scripts.isEmpty(), "examples/ has scripts");
        assertTrue(!System.getProperty("examples.only", "").isBlank()
                        || scripts.stream().filter(s -> s.getParent().equals(LIBURING_PORTS)).count() >= 26,
                "examples/liburing/ holds the ports of liburing's tests (issue 16)");
        return scripts.stream().map(script -> DynamicTest.dynamicTest(displayName(script), () -> {
            Run run = run(script);
            if (run.exitCode() == ScriptRunner.SKIPPED) {
                // a skip counts only with the reason its require printed
                Matcher reason = SKIP_REASON.matcher(run.output());
                assertTrue(reason.find(), "a skipped script prints why:\n" + run.output());
                Assumptions.abort(script.getFileName() + " skipped: " + reason.group(1));
            }
            assertEquals(ScriptRunner.PASSED, run.exitCode(), run.output());
            assertTrue(run.output().contains(": passed"), run.output());
        }));
    }

    @Test
    void helloPrintsDecodedCompletions() {
        Run run = run(EXAMPLES.resolve("hello.iou"));
        assertTrue(run.output().contains("cqe user_data=1 res=0 flags=0"), run.output());
        assertTrue(run.output().contains("cqe user_data=2 res=-5 EIO"), run.output());
        assertTrue(run.output().contains("cqe user_data=3 res=-62 ETIME"), run.output());
    }

    @Test
    void everyExampleSaysWhatItShowsInAHeaderComment() throws IOException {
        for (Path script : scripts()) {
            String first = Files.readAllLines(script).getFirst();
            if (script.getParent().equals(LIBURING_PORTS)) {
                assertTrue(PORT_HEADER.matcher(first).matches(), script + " starts with '# liburing test/FILE.c: CASE — what it checks'");
            } else {
                assertTrue(first.startsWith("# " + script.getFileName() + ": "), script + " starts with '# NAME: what it shows'");
            }
        }
    }

    @Test
    void anUnmetRequireIsASkipWithItsReason(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("future.iou");
        Files.writeString(script, "require kernel>=99.0\nring create\n");
        Run run = run(script);
        assertEquals(ScriptRunner.SKIPPED, run.exitCode(), run.output());
        Matcher reason = SKIP_REASON.matcher(run.output());
        assertTrue(reason.find(), run.output());
        assertTrue(reason.group(1).startsWith("needs kernel >=99.0, running "), reason.group(1));
    }

    @Test
    void theImmediateArgExamplesAssertTheKernelsRealAnswer(@TempDir Path dir) throws IOException {
        // whichever of the pair runs on this kernel, flipping its asserted answer must fail: neither is vacuous
        Path rejected = EXAMPLES.resolve("timeout-immediate-arg-rejected.iou");
        Path accepted = EXAMPLES.resolve("timeout-immediate-arg.iou");
        boolean hasFlag = run(rejected).exitCode() == ScriptRunner.SKIPPED;
        assertEquals(hasFlag ? ScriptRunner.PASSED : ScriptRunner.SKIPPED, run(accepted).exitCode(), "exactly one of the pair runs");
        Path broken = dir.resolve("flipped.iou");
        Files.writeString(broken, hasFlag
                ? Files.readString(accepted).replace("expect cqe user_data=1 res=-ETIME", "expect cqe user_data=1 res=-EINVAL")
                : Files.readString(rejected).replace("expect cqe user_data=1 res=-EINVAL", "expect cqe user_data=1 res=-ETIME"));
        Run run = run(broken);
        assertEquals(ScriptRunner.FAILED, run.exitCode(), run.output());
    }

    @Test
    void aChangedExpectationFailsNamingFileAndLine(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(EXAMPLES.resolve("hello.iou"));
        int line = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("expect cqe user_data=3 res=-ETIME")) {
                lines.set(i, "expect cqe user_data=3 res=0");
                line = i + 1;
            }
        }
        assertTrue(line > 0, "hello.iou still checks the timeout");
        Path broken = dir.resolve("broken.iou");
        Files.write(broken, lines);
        Run run = run(broken);
        assertEquals(ScriptRunner.FAILED, run.exitCode(), run.output());
        assertTrue(run.output().contains(broken + ":" + line + ": expected cqe user_data=3 res=0, got cqe user_data=3 res=-62 ETIME"),
                run.output());
    }
}
