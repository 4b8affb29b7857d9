package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs that used to fill the heap, hang or say "Input length = 1" (issue 12): each is refused
 * in one line naming why, quickly, before anything is opened or read that could block.
 */
class HostileInputTest {
    /** Long enough for a slow CI machine, far shorter than a hang. */
    static final Duration QUICK = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    String run(String script) {
        return assertTimeoutPreemptively(QUICK, () -> Scripts.run(dir, script, ScriptRunner.ERROR));
    }

    /** The error is the script's only line besides the verdict: one line, no trace. */
    static void oneLine(String out, String expected) {
        assertTrue(out.contains(expected), out);
        List<String> lines = out.lines().filter(l -> l.contains("error:")).toList();
        assertEquals(1, lines.size(), out);
    }

    @Test
    void includeOfDevZeroIsRefusedAsADevice() {
        oneLine(run("include /dev/zero\n"), "t.iou:1:9: error: the included file /dev/zero is a character device, not a regular file");
    }

    @Test
    void includeOfDevUrandomIsRefusedAsADevice() {
        oneLine(run("include /dev/urandom\n"), "t.iou:1:9: error: the included file /dev/urandom is a character device");
    }

    @Test
    void includeOfAFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        oneLine(run("include fifo\n"), "t.iou:1:9: error: the included file " + fifo + " is a FIFO (named pipe), not a regular file");
    }

    @Test
    void includeOfADirectoryIsRefused() throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        oneLine(run("include sub\n"), "t.iou:1:9: error: the included file " + dir.resolve("sub") + " is a directory");
    }

    @Test
    void includeOfABinaryNamesTheFirstByteThatIsNotText() {
        // an ELF file starts 7f 45 4c 46 02 01 01 00: the NUL is the 8th character of line 1
        String out = run("include /bin/ls\n");
        oneLine(out, "/bin/ls:1:8: error: byte 0x00 at offset 7 (NUL) has no place in text: the script must be UTF-8 text"
                + " (included from " + dir.resolve("t.iou") + ":1)");
    }

    @Test
    void invalidUtf8IsAnErrorAtItsLineAndColumn() throws IOException {
        Path file = dir.resolve("t.iou");
        // line 2 is "# café éé" with the middle é cut to its first byte (offset 20): 7 characters precede it
        byte[] bytes = "ring create\n# caf\u00e9 \u00e9\u00e9\n".getBytes(StandardCharsets.UTF_8);
        byte[] cut = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, cut, 0, 21);
        System.arraycopy(bytes, 22, cut, 21, bytes.length - 22);
        Files.write(file, cut);
        String out = assertTimeoutPreemptively(QUICK, () -> Scripts.run(file, ScriptRunner.ERROR));
        oneLine(out, "t.iou:2:8: error: byte 0xc3 at offset 20 is not UTF-8: the script must be UTF-8 text");
    }

    @Test
    void aScriptBiggerThanTheLimitIsRefusedUnread() throws IOException {
        Path file = dir.resolve("big.iou");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(InputFiles.MAX_SCRIPT_BYTES + 1L);
        }
        String out = assertTimeoutPreemptively(QUICK, () -> Scripts.run(file, ScriptRunner.ERROR));
        oneLine(out, "the script " + file + " has 16777217 bytes, more than 16777216 bytes");
    }

    @Test
    void runOfADeviceAsTheScriptIsRefused() {
        String out = assertTimeoutPreemptively(QUICK, () -> Scripts.run(Path.of("/dev/zero"), ScriptRunner.ERROR));
        oneLine(out, "/dev/zero: error: the script /dev/zero is a character device");
    }

    @Test
    void bufFillFromDevZeroIsRefused() {
        oneLine(run("buf alloc b 16 file=/dev/zero\n"), "t.iou:1:16: error: file= /dev/zero is a character device");
    }

    @Test
    void bufFillFromAFileLargerThanTheBufferIsRefused() throws IOException {
        Files.write(dir.resolve("twenty"), new byte[20]);
        String out = run("buf alloc b 16\nbuf fill b file=" + dir.resolve("twenty") + " off=8\n");
        oneLine(out, "t.iou:2:12: error: file= " + dir.resolve("twenty") + " has 20 bytes, more than 8 bytes (what the buffer holds");
    }

    @Test
    void bufAllocFromAFileStillWorks() throws IOException {
        Files.writeString(dir.resolve("hello"), "hello");
        String out = assertTimeoutPreemptively(QUICK, () -> Scripts.run(dir, "buf alloc b file=" + dir.resolve("hello")
                + "\nexpect buf b text=\"hello\"\n", ScriptRunner.PASSED));
        assertTrue(out.contains("buffer b: 5 bytes"), out);
    }

    @Test
    void decodeOfDevZeroIsRefusedInAScriptAndOnTheCommandLine() {
        oneLine(run("decode sqe @/dev/zero\n"), "t.iou:1:12: error: the input to decode /dev/zero is a character device");
        StringWriter text = new StringWriter();
        int exit = assertTimeoutPreemptively(QUICK, () -> Main.run(List.of("decode", "sqe", "@/dev/zero"), new PrintWriter(text, true)));
        assertEquals(2, exit, text.toString());
        assertEquals("ringside decode: the input to decode /dev/zero is a character device, not a regular file: only files are read\n",
                text.toString());
    }

    @Test
    void profileFromAFifoOrADeviceSaysWhatItIs() throws Exception {
        Path fifo = dir.resolve("p.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        oneLine(run("profile load " + fifo + "\n"), "t.iou:1:14: error: the profile " + fifo + " is a FIFO (named pipe)");
        oneLine(run("profile load /dev/zero\n"), "t.iou:1:14: error: the profile /dev/zero is a character device");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstCommand() throws IOException {
        String out = assertTimeoutPreemptively(QUICK, () -> Scripts.run(dir, "\ufeffring create\n", ScriptRunner.PASSED));
        assertTrue(out.contains("ring r0: fd "), out);
    }

    @Test
    void profileWithInvalidUtf8NamesItsLineAndColumn() throws IOException {
        Files.write(dir.resolve("p.json"), new byte[] {'{', '\n', ' ', (byte) 0xff, '}'});
        oneLine(run("profile load " + dir.resolve("p.json") + "\n"), dir.resolve("p.json") + ":2:2: byte 0xff at offset 3 is not UTF-8");
    }
}
