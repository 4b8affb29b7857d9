package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A field its flags rule out (ts under IMMEDIATE_ARG) is refused at show, submit and export, in one line naming the right field. */
class ConditionalFieldsTest {
    @TempDir
    Path dir;

    @Test
    void submitRefusesATimespecPointerUnderImmediateArg() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                sqe timeout user_data=1 ts=1ms timeout_flags=IMMEDIATE_ARG
                submit wait=1
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("note: sqe #1: ts does not apply with timeout_flags=IMMEDIATE_ARG"), out);
        assertTrue(out.contains("t.iou:3:1: error: sqe #1: ts does not apply with timeout_flags=IMMEDIATE_ARG,"
                + " under which the kernel reads addr as timeout_ns: write timeout_ns=1ms"), out);
        assertFalse(out.contains("submitted"), out);
    }

    @Test
    void showRefusesItAndNeverDescribesATimespecUnderImmediateArg() throws IOException {
        String out = Scripts.run(dir, """
                sqe timeout user_data=1 ts=1ms
                sqe set timeout_flags=IMMEDIATE_ARG
                sqe show
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("error: sqe #1: ts does not apply with timeout_flags=IMMEDIATE_ARG"), out);
        assertFalse(out.contains("a timespec the ring allocates"), out);
    }

    @Test
    void theFlagMaySetAfterTheFieldAndTheRightFieldIsSubmitted() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                sqe timeout user_data=1 timeout_ns=1ms
                sqe set timeout_flags=IMMEDIATE_ARG
                sqe show
                submit wait=1
                """, ScriptRunner.PASSED);
        // this 6.18 kernel predates IMMEDIATE_ARG (it answers -EINVAL): what matters is that the draft went out
        assertTrue(out.contains("submitted 1 SQE"), out);
        assertTrue(out.contains("timeout_ns     1000000 (1ms; the value itself, no pointer)"), out);
        assertFalse(out.contains("a timespec the ring allocates"), out);
    }

    @Test
    void bufGroupWithoutBufferSelectNamesTheFlag() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                sqe recv user_data=1 fd=0 buf_group=3
                submit
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("error: sqe #1: buf_group applies only with flags=BUFFER_SELECT: set flags=BUFFER_SELECT,"
                + " or write buf_index=3"), out);
    }

    @Test
    void cancelOpWithoutTheOpFlagIsRefused() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                sqe async_cancel user_data=1 cancel_op=11
                submit
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("error: sqe #1: cancel_op applies only with cancel_flags=OP: set cancel_flags=OP, or leave cancel_op out"), out);
    }

    @Test
    void exportCOfAScriptRefusesTheDraftToo() throws IOException {
        Path script = dir.resolve("bad.iou");
        Files.writeString(script, "ring create\nsqe timeout user_data=1 ts=1ms timeout_flags=IMMEDIATE_ARG\nsubmit wait=1\n");
        String out = Scripts.run(dir, "export c " + dir.resolve("out.c") + " " + script + "\n", ScriptRunner.ERROR);
        assertTrue(out.contains("timeout_ns=1ms"), out);
        assertFalse(Files.exists(dir.resolve("out.c")) && Files.readString(dir.resolve("out.c")).contains("&ts_1"), out);
    }
}
