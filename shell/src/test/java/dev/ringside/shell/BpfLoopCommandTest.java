package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** bpf loop on a kernel without the BPF event loop (6.18): the structs are named as missing, and libbpf's refusal is shown. */
class BpfLoopCommandTest {
    @TempDir
    Path dir;

    @Test
    void withoutTheLoopInBtfAttachShowsTheKernelsAnswer() throws Exception {
        String show = Scripts.run(dir, "bpf loop show\n", ScriptRunner.PASSED);
        Assumptions.assumeTrue(show.contains("struct io_uring_bpf_ops: not in this kernel's BTF"), "this kernel has the BPF loop:\n" + show);
        assertTrue(show.contains("struct iou_loop_params: not in this kernel's BTF"), show);
        Assumptions.assumeTrue(Files.exists(Path.of("/usr/bin/clang")) && Files.exists(Path.of("/usr/include/bpf/libbpf.h")),
                "clang and libbpf-dev are not installed (bin/install-bpf-tools)");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "loading BPF needs root");
        String out = Scripts.run(dir, "ring create entries=8 cq_entries=16 flags=SINGLE_ISSUER|DEFER_TASKRUN|NO_SQARRAY\n"
                + "bpf loop attach " + Path.of("../examples/bpf/loop_nops.bpf.c").toAbsolutePath() + "\n", ScriptRunner.ERROR);
        assertTrue(out.contains("error: bpf_object__load: the kernel refused the object: -ENOENT (No such file or directory): no struct"
                + " io_uring_bpf_ops in this kernel's BTF"), out);
    }

    @Test
    void expectRefusedFailsWhenTheCommandRuns() throws Exception {
        String out = Scripts.run(dir, "buf alloc b 8\nexpect refused buf show b\nexpect refused naming=zzz buf show nosuch\n"
                + "expect refused naming=\"no buffer 'nosuch'\" buf show nosuch\n", ScriptRunner.FAILED);
        assertTrue(out.contains("expected refused buf show b, got it ran"), out);
        assertTrue(out.contains("expected refused buf show nosuch naming \"zzz\", got refused: no buffer 'nosuch'"), out);
        assertTrue(out.contains("ok refused buf show nosuch: no buffer 'nosuch'"), out);
    }
}
