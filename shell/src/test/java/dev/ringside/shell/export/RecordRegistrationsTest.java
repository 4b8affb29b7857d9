package dev.ringside.shell.export;

import dev.ringside.shell.ConsoleFixture;
import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** record keeps registrations the kernel rejected and failed expect= ones, with the kernel's answer, and the recording replays. */
class RecordRegistrationsTest {
    @TempDir
    Path dir;

    /** The lines typed in one session as the REPL runs them (errors printed and passed over), then recorded. */
    List<String> recordSession(Path file, String... lines) throws IOException {
        try (ConsoleFixture console = new ConsoleFixture()) {
            console.typed(lines); // errors are passed over, as the REPL does; the recording leaves such lines out
            console.run("record " + file);
        }
        return Files.readAllLines(file);
    }

    @Test
    void rejectedAndMisexpectedRegistrationsAreRecordedWithTheKernelsAnswer() throws IOException {
        Path file = dir.resolve("session.iou");
        List<String> lines = recordSession(file,
                "ring create entries=8 flags=SINGLE_ISSUER|DEFER_TASKRUN|CQE32",
                "register zcrx_ifq rq_entries=64 flags=NODEV",
                "register napi busy_poll_to=10 expect=-EINVAL   # wrong on purpose: the kernel takes it",
                "register file_alloc_range off=0 len=4",
                "register probe",
                "register nonesuch",
                "sqe nop user_data=1",
                "submit wait=1");
        String text = String.join("\n", lines);
        // 6.18 refuses NODEV (-EINVAL as root, -EPERM without CAP_NET_ADMIN): whichever it said is what is recorded
        assertTrue(text.matches("(?s).*\nregister zcrx_ifq expect=-E(INVAL|PERM) rq_entries=64 flags=NODEV\n.*"), text);
        assertTrue(text.contains("\nregister napi expect=0 busy_poll_to=10   # wrong on purpose: the kernel takes it\n"), text);
        assertTrue(text.contains("\nregister file_alloc_range expect=-EINVAL off=0 len=4\n"), text);
        assertTrue(text.contains("\nregister probe expect=0\n"), text);
        // never reached the kernel: not a registration, so not recorded
        assertTrue(!text.contains("nonesuch"), text);

        StringWriter out = new StringWriter();
        int code = dev.ringside.shell.Main.runScript(file, new PrintWriter(out, true));
        assertEquals(ScriptRunner.PASSED, code, out + "\n" + text);
        assertTrue(out.toString().contains("5 expectations met, 0 failed"), out + "\n" + text);
    }

    @Test
    void theExpectWordMovesAfterWhatAndACommentStaysAComment() {
        assertEquals("register napi expect=0 busy_poll_to=10 # c", Recorder.withExpect("register napi busy_poll_to=10 expect=-EINVAL # c", 0));
        assertEquals("register probe expect=-EINVAL", Recorder.withExpect("register probe", -22));
        assertEquals("unregister napi expect=-ENOENT # x", Recorder.withExpect("unregister napi # x", -2));
    }
}
