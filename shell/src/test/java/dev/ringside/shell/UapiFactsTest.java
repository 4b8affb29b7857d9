package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console on the uapi facts of Linux 7.2.13's own headers (io_uring_napi's opcode/op_param, NOP and uring_cmd flags, write_stream, zcrx events). */
class UapiFactsTest {
    @TempDir
    Path dir;

    @Test
    void napiShowsOpcodeAndOpParamWhereTheKernelWritesThePreviousTracking() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                register napi busy_poll_to=10
                unregister napi
                """, ScriptRunner.PASSED);
        // the kernel copies back its previous state: tracking INACTIVE (255) in op_param, not in "resv"
        assertTrue(out.matches("(?s).*the kernel wrote back:\\s+io_uring_napi.*op_param +255\\n.*"), out);
        assertFalse(out.matches("(?s).*resv +255.*"), out);
        assertTrue(out.matches("(?s).*opcode +REGISTER_OP.*"), out);
    }

    @Test
    void napiTakesItsOpcodeAndATrackingStrategy() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                register napi busy_poll_to=10 opcode=REGISTER_OP op_param=STATIC
                register napi busy_poll_to=10 opcode=STATIC_DEL_ID op_param=12345 expect=-ENOENT
                register napi busy_poll_to=10 op_param=INACTIVE expect=-EINVAL
                """, ScriptRunner.PASSED);
        assertTrue(out.matches("(?s).*opcode +REGISTER_OP\\n +pad +00 00\\n +op_param +1\\n.*"), out);
        assertTrue(out.contains("  tracking before: INACTIVE"), out);
        assertTrue(out.matches("(?s).*opcode +STATIC_DEL_ID\\n +pad +00 00\\n +op_param +12345\\n.*"), out);
        assertTrue(out.contains("2 expectations met, 0 failed"), out);
    }

    @Test
    void newFlagsAndMembersAreTheHeadersOwn() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                sqe nop user_data=1 nop_flags=TW
                sqe show
                submit wait=1
                sqe uring_cmd user_data=2 uring_cmd_flags=MULTISHOT
                sqe show
                sqe drop
                sqe write user_data=3 write_stream=3
                sqe show
                sqe drop
                decode zcrx_ctrl 000000000200000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
                """, ScriptRunner.PASSED);
        assertTrue(out.matches("(?s).*nop_flags +TW\\n.*"), out);
        assertTrue(out.matches("(?s).*uring_cmd_flags +MULTISHOT\\n.*"), out);
        // write_stream (7.2) is byte 44, where splice_fd_in/file_index begin
        assertTrue(out.contains("0020  03 00 00 00 00 00 00 00 00 00 00 00 03 00 00 00"), out);
        assertTrue(out.matches("(?s).*op +ARM_EVENT\\n.*"), out);
        assertTrue(out.matches("(?s).*zc_arm_event.event_type +COPY\\n.*"), out);
    }
}
