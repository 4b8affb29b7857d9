package dev.ringside.shell;

import dev.ringside.shell.repl.Repl;
import dev.ringside.shell.script.ScriptRunner;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** profile load refuses numbers the catalogue has, loads once, unloads; list and messages say what is really loaded. */
class ProfileCommandTest {
    @TempDir
    Path dir;

    String type(String keys) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = new DumbTerminal("test", "dumb",
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
            assertEquals(0, Repl.run(terminal, dir.resolve("history")));
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aNumberTheCatalogueHasIsRefusedAndRecvmsgStays() throws IOException {
        // one interactive session: the refused load must leave RECVMSG as it was
        String out = type("profile load bpf-ext opcode=10\nprofile list\nsqe recvmsg user_data=1\nsqe show\nquit\n");
        assertTrue(out.contains("error: bpf-ext: BPF would be opcode 10, which the catalogue has as RECVMSG;"
                + " a profile adds opcodes, it does not replace them (free from 65)"), out);
        assertTrue(out.contains("loaded: none"), out);
        assertTrue(out.matches("(?s).*opcode +RECVMSG \\(10\\).*"), out);
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    void loadedOnceListedOnceUnloadedAndTheMessagesSayTheNumber() throws IOException {
        String out = Scripts.run(dir, """
                profile load bpf-ext opcode=70
                profile list
                sqe bpf user_data=1 bpf_op_flags=3:0x5
                sqe show
                sqe drop
                profile unload bpf-ext
                profile list
                profile load bpf-ext
                profile list
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("profile bpf-ext (IORING_OP_BPF v3) opcode=70 loaded: 1 opcodes (BPF=70), 2 flags, 1 SQE members"), out);
        assertTrue(out.contains("assumption: IORING_OP_BPF = 70 (0x46) is assumed"), out);
        assertTrue(out.contains("BPF (70)"), out);
        assertTrue(out.contains("loaded: bpf-ext (IORING_OP_BPF v3) opcode=70\n"), out);
        assertTrue(out.contains("profile bpf-ext (IORING_OP_BPF v3) opcode=70 unloaded"), out);
        assertTrue(out.contains("loaded: none"), out);
        assertTrue(out.contains("loaded: bpf-ext (IORING_OP_BPF v3) opcode=65\n"), out);
    }

    @Test
    void loadingTwiceIsRefused() throws IOException {
        String out = Scripts.run(dir, "profile load bpf-ext\nprofile load bpf-ext opcode=70\n", ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:2:14: error: bpf-ext: profile bpf-ext is loaded already (bpf-ext (IORING_OP_BPF v3) opcode=65);"
                + " 'profile unload bpf-ext' first"), out);
    }

    @Test
    void afterUnloadTheOpcodeIsGoneAndADraftOfItBlocksTheUnload() throws IOException {
        String out = Scripts.run(dir, """
                profile load bpf-ext
                sqe bpf user_data=1
                profile unload bpf-ext
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("error: sqe #1 is a BPF draft of profile bpf-ext; drop it first (sqe drop #1)"), out);
        out = Scripts.run(dir, "profile load bpf-ext\nprofile unload bpf-ext\nsqe bpf\n", ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:3:5: error: unknown opcode 'bpf'"), out);
        out = Scripts.run(dir, "profile unload bpf-ext\n", ScriptRunner.ERROR);
        assertTrue(out.contains("error: profile bpf-ext is not loaded; loaded: none"), out);
    }
}
