package dev.ringside.shell.export;

import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.shell.script.ScriptRunner;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import dev.ringside.tracer.bpf.BpfLoop;
import dev.ringside.tracer.journal.Event;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The export shapes of the newer kernels, built on this one (which may lack them): the journal of a
 * plain-ring run with the setup flags of an SQE_MIXED or SQ_REWIND ring put in, or with bpf loop lines
 * added, exports to C that gcc -Wall -Werror builds as its header says (-lbpf for a BPF loop), with the
 * runtime's calls for the shape. Running them needs the kernel: `ringside run --kernel debian:sid --compare-c`.
 */
class CExportNewShapesTest {
    @TempDir
    Path dir;

    /** A script run on this kernel's plain rings; its journal, its RingConfigured flags or'ed with {@code flags}. */
    private static List<Event> journal(long flags, String... lines) {
        StringWriter out = new StringWriter();
        List<Event> events;
        try (Session session = new Session(new PrintWriter(out, true), new Style(false))) {
            ScriptRunner.Result result = new ScriptRunner(session).run(Path.of("shape.iou"), List.of(lines));
            assertTrue(result.exitCode() == ScriptRunner.PASSED || result.exitCode() == ScriptRunner.FAILED, out.toString());
            events = session.journal().events();
        }
        return events.stream().map(e -> e instanceof Event.RingConfigured rc
                ? new Event.RingConfigured(rc.at(), rc.ring(), new dev.ringside.tracer.ring.RingConfig(rc.config().entries(),
                rc.config().flags() | flags, rc.config().cqEntries(), rc.config().sqThreadCpu(), rc.config().sqThreadIdle(),
                rc.config().wqFd())) : e).toList();
    }

    private void builds(String program) throws IOException {
        Assumptions.assumeTrue(CComparison.gccAvailable(), "gcc is not installed");
        Path c = dir.resolve("repro.c");
        Files.writeString(c, program);
        List<String> build = CComparison.buildCommand(program, c, dir.resolve("repro"));
        CComparison.Run gcc = CComparison.exec(build, dir);
        assertEquals(0, gcc.exitCode(), String.join(" ", build) + ":\n" + gcc.output());
        assertTrue(Files.isExecutable(dir.resolve("repro")));
    }

    @Test
    void aBigOpcodeOnAnSqeMixedRingAsksForTwoSlots() throws IOException {
        String program = CExporter.program(journal(SetupFlag.SQE_MIXED.value(), "ring create entries=8",
                "sqe nop user_data=1", "sqe nop128 user_data=2", "sqe nop user_data=3", "submit wait=3"), "mixed.iou");
        assertTrue(program.contains("p.flags = IORING_SETUP_SQE_MIXED;"), program);
        // the 64-byte NOPs take one slot, the NOP128 asks ring_sqe_sized for a big SQE, in the script's order
        int first = program.indexOf("ring_sqe(&rings[0])");
        int big = program.indexOf("ring_sqe_sized(&rings[0], 1)");
        assertTrue(first > 0 && big > first && program.indexOf("ring_sqe(&rings[0])", big) > big, program);
        // the flag may be missing from an older <linux/io_uring.h>: the program carries its value
        assertTrue(program.contains("#ifndef IORING_SETUP_SQE_MIXED\n#define IORING_SETUP_SQE_MIXED 0x80000U"), program);
        builds(program);
    }

    @Test
    void anSqRewindRingExportsWithoutItsRefusal() throws IOException {
        String program = CExporter.program(journal(SetupFlag.NO_SQARRAY.value() | SetupFlag.SQ_REWIND.value(), "ring create entries=4",
                "sqe nop user_data=1", "sqe nop user_data=2", "submit wait=2", "sqe nop user_data=3", "submit wait=1"), "rewind.iou");
        assertTrue(program.contains("IORING_SETUP_SQ_REWIND"), program);
        assertTrue(program.contains("#define IORING_SETUP_SQ_REWIND 0x100000U"), program);
        builds(program);
    }

    @Test
    void aBpfLoopEmbedsTheObjectAndBuildsWithLibbpf() throws Exception {
        Path source = Path.of("../examples/bpf/loop_nops.bpf.c").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(source), "no " + source);
        Assumptions.assumeTrue(Files.isRegularFile(Path.of("/usr/include/bpf/libbpf.h")), "libbpf-dev is not installed");
        BpfLoop.Plan plan;
        try {
            plan = BpfLoop.plan(source, Optional.empty());
        } catch (dev.ringside.tracer.bpf.BpfException e) {
            Assumptions.abort("clang cannot build the object here: " + e.getMessage());
            return;
        }
        List<Event> events = new ArrayList<>(journal(0, "ring create entries=8 cq_entries=16 flags=SINGLE_ISSUER|DEFER_TASKRUN"));
        // the lines bpf loop journals on a kernel with the loop: attach and detach leave only their CommandRan
        events.add(new Event.CommandRan(0, "bpf loop show", true));
        events.add(new Event.CommandRan(0, "bpf loop attach " + source, true));
        events.add(new Event.CommandRan(0, "bpf loop detach", true));
        String program = CExporter.program(events, "bpf.iou");
        assertTrue(program.contains(" * build: gcc -Wall -Werror -o repro repro.c -lbpf"), program);
        assertTrue(program.contains("#include <bpf/libbpf.h>"), program);
        // the object's bytes as the console loads them, ring_fd's place by the object's own BTF
        assertTrue(program.contains("bpf_loop_plan_0_object[" + plan.object().length + "]"), program);
        assertTrue(program.contains("\"nops_loop\", " + plan.ringFdOffset() + ", " + plan.rodata().get("cq_head_offset")), program);
        assertTrue(program.contains("bpf_loop_attach(&rings[0], &bpf_loop_plan_0, "), program);
        assertTrue(program.contains("bpf_loop_detach(&rings[0]);"), program);
        builds(program);
    }

    @Test
    void theBuildLineNamesTheFilesItIsGiven() {
        assertEquals(List.of("gcc", "-Wall", "-Werror", "-o", "/t/x", "/t/x.c", "-lbpf"),
                CComparison.buildCommand("/*\n * build: gcc -Wall -Werror -o repro repro.c -lbpf\n */\n", Path.of("/t/x.c"), Path.of("/t/x")));
    }

    @Test
    void differencesNameWhatDisagrees() {
        String console = "submitted 1 SQE to r\ncqe user_data=1 res=0 flags=0  <- NOP\nx.iou: passed (1 expectation met, 0 failed)\n";
        String same = "submitted 1 SQE to r\ncqe user_data=1 res=0 flags=0\nok expect cqe user_data=1\n";
        assertEquals(List.of(), CComparison.differences(console, 0, same, 0));
        String other = "submitted 1 SQE to r\ncqe user_data=1 res=-22 EINVAL flags=0\nFAILED expect cqe user_data=1\n";
        List<String> d = CComparison.differences(console, 0, other, 1);
        assertEquals(3, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("exit 1"), d.toString());
        assertTrue(d.get(1).startsWith("CQEs differ after submit 1"), d.toString());
        assertTrue(d.get(2).startsWith("0 expectations met"), d.toString());
    }
}
