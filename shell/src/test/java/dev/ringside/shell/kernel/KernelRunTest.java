package dev.ringside.shell.kernel;

import dev.ringside.shell.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --kernel} on the real host kernel; the VM boot itself is exercised by .ci/run (too slow here). */
class KernelRunTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out) {
    }

    Outcome main(String... args) {
        StringWriter text = new StringWriter();
        int code = Main.run(List.of(args), new PrintWriter(text, true));
        return new Outcome(code, text.toString());
    }

    String script(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void hostAloneRunsInThisProcessWithTheScriptsVerdicts() throws IOException {
        String fail = script("fail.iou", "ring create\nsqe nop user_data=1\nsubmit wait=1\nexpect cqe user_data=1 res=-5\n");
        Outcome outcome = main("run", "--kernel", "host", fail);
        assertEquals(1, outcome.code(), outcome.out());
        assertTrue(outcome.out().contains(fail + ": FAILED"), outcome.out());
        assertTrue(outcome.out().contains("== kernel host: Linux " + System.getProperty("os.version")), outcome.out());
    }

    @Test
    void badSpecIsOneLineAndExitTwo() {
        Outcome outcome = main("run", "--kernel", "debian:bookworm-ish", "x.iou");
        assertEquals(2, outcome.code());
        assertTrue(outcome.out().startsWith("ringside: --kernel debian:bookworm-ish: Debian kernels are"), outcome.out());
        assertFalse(outcome.out().contains("Exception"), outcome.out());
    }

    @Test
    void aKernelThatCannotBootIsAnErrorColumnBesideTheHosts() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")) && Files.isExecutable(Path.of("/bin/busybox")),
                "qemu and busybox are not installed (bin/install-vm-tools)");
        String pass = script("pass.iou", "ring create\nsqe nop user_data=1\nsubmit wait=1\nexpect cqe user_data=1 res=0\n");
        Path image = Files.writeString(dir.resolve("vmlinuz"), "this is no kernel image");
        Outcome outcome = main("run", "--kernel", "host," + image, pass);
        assertEquals(2, outcome.code(), outcome.out());
        String[] lines = outcome.out().strip().split("\n");
        assertEquals("kernels: 1 passed, 1 failed, 0 skipped", lines[lines.length - 1], outcome.out());
        String row = List.of(lines).stream().filter(l -> l.startsWith(pass + "  ")).findFirst().orElseThrow(() -> new AssertionError(outcome.out()));
        assertTrue(row.matches(".*passed +ERROR \\(the kernel could not run it\\)"), row);
        assertTrue(outcome.out().contains("ringside: --kernel " + image + ": the VM ended without the command's exit status"), outcome.out());
        // a failed VM keeps its console logs for the user; the test removes them
        java.util.regex.Matcher logs = java.util.regex.Pattern.compile("see (/tmp/ringside-vm-\\d+)/").matcher(outcome.out());
        assertTrue(logs.find(), outcome.out());
        KernelCache.deleteTree(Path.of(logs.group(1)));
    }

    @Test
    void compareCGivesEachScriptASecondVerdictFromItsCExport() throws IOException {
        Assumptions.assumeTrue(dev.ringside.shell.export.CComparison.gccAvailable(), "gcc is not installed");
        String pass = script("pass.iou", "ring create\nsqe nop user_data=1\nsubmit wait=1\nexpect cqe user_data=1 res=0\n");
        Outcome outcome = main("run", "--kernel", "host", "--compare-c", pass);
        assertEquals(0, outcome.code(), outcome.out());
        assertTrue(outcome.out().contains(pass + ": passed (1 expectations met, 0 failed)"), outcome.out());
        assertTrue(outcome.out().contains(pass + " [C]: passed (the C export prints the same CQEs, submits and register results, exit 0"),
                outcome.out());
        assertTrue(outcome.out().contains("2 passed, 0 failed"), outcome.out()); // the script and its C export
    }

    @Test
    void aVmAfterTheHostComparesOnlyTheCExportsTheHostSkipped() {
        KernelRun.Invocation invocation = KernelRun.Invocation.parse(List.of("run", "--kernel", "host,debian:sid", "--compare-c", "a.iou", "b.iou"));
        assertEquals(List.of("a.iou", "a.iou [C]", "b.iou", "b.iou [C]"), invocation.scripts());
        java.util.Map<String, java.util.Map<String, KernelRun.Verdict>> table = new java.util.LinkedHashMap<>();
        table.put("a.iou", java.util.Map.of("host (6.18.0)", new KernelRun.Verdict("passed", "")));
        table.put("a.iou [C]", java.util.Map.of("host (6.18.0)", new KernelRun.Verdict("passed", "")));
        table.put("b.iou", java.util.Map.of("host (6.18.0)", new KernelRun.Verdict("skipped", "needs SQE_MIXED_OPS")));
        table.put("b.iou [C]", java.util.Map.of("host (6.18.0)", new KernelRun.Verdict("skipped", "the script skipped on this kernel")));
        assertEquals(List.of("run", "--compare-c=b.iou", "a.iou", "b.iou"), KernelRun.compareOnlyWhatTheHostSkipped(invocation.rest(), table));
        // without the host's column first, the VM compares every script
        assertEquals(invocation.rest(), KernelRun.compareOnlyWhatTheHostSkipped(invocation.rest(), new java.util.LinkedHashMap<>()));
    }

    @Test
    void compareCWithAListComparesOnlyThoseAndSaysTheOthersWereComparedOnTheHost() throws IOException {
        String pass = script("pass.iou", "ring create\nsqe nop user_data=1\nsubmit wait=1\nexpect cqe user_data=1 res=0\n");
        Outcome outcome = main("run", "--compare-c=other.iou", pass);
        assertEquals(0, outcome.code(), outcome.out());
        assertTrue(outcome.out().contains(pass + " [C]: skipped (compared on the host)"), outcome.out());
    }
}
