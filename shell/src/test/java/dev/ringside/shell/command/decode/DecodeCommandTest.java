package dev.ringside.shell.command.decode;

import dev.ringside.shell.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ringside decode ...} from the command line, as a user runs it: no ring involved. */
class DecodeCommandTest {
    /** TIMEOUT (11), timeout_ns 1ms in addr, len 1, timeout_flags ABS|IMMEDIATE_ARG (0x81), user_data 2. */
    static final String TIMEOUT = """
            0b 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            40 42 0f 00 00 00 00 00 01 00 00 00 81 00 00 00
            02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00""";

    record Run(int exit, String out) {
    }

    static Run decode(String... args) {
        StringWriter text = new StringWriter();
        List<String> all = new ArrayList<>(List.of("decode"));
        all.addAll(List.of(args));
        int exit = Main.run(all, new PrintWriter(text, true));
        return new Run(exit, text.toString());
    }

    @Test
    void timeoutSqeShowsTimeoutNsAndBothFlags() {
        Run r = decode("sqe", TIMEOUT);
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("timeout_ns     1000000 (1ms; the value itself, no pointer)"), r.out());
        assertFalse(r.out().contains(" ts "), r.out());
        assertTrue(r.out().contains("timeout_flags  ABS|IMMEDIATE_ARG"), r.out());
    }

    @Test
    void sameBytesAsBpfWithTheProfileShowSubOpAndFlags() {
        String bpf = TIMEOUT.replaceFirst("0b", "41").replace("81 00 00 00", "05 00 00 03");
        Run without = decode("sqe", bpf);
        assertTrue(without.out().contains("OP_65"), without.out());
        Run with = decode("sqe", bpf, "--profile", "bpf-ext");
        assertEquals(0, with.exit(), with.out());
        assertTrue(with.out().contains("bpf_op_flags  bpf_op=3 bpf_flags=0x5"), with.out());
        Run moved = decode("sqe", bpf.replaceFirst("41", "46"), "--profile", "bpf-ext:opcode=70");
        assertTrue(moved.out().contains("BPF (70)"), moved.out());
    }

    @Test
    void hexdumpAndXxdFilesAndCOutput(@TempDir Path dir) throws IOException {
        Path hd = dir.resolve("sqe.hd");
        Files.writeString(hd, """
                00000000  0b 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                00000010  40 42 0f 00 00 00 00 00  01 00 00 00 81 00 00 00  |@B..............|
                00000020  02 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                *
                00000030  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                00000040
                """);
        Run c = decode("sqe", "@" + hd, "--c");
        assertEquals(0, c.exit(), c.out());
        assertTrue(c.out().contains("sqe->timeout_flags = IORING_TIMEOUT_ABS | IORING_TIMEOUT_IMMEDIATE_ARG;"), c.out());
        assertTrue(c.out().contains("sqe->user_data = 2;"), c.out());

        Path xxd = dir.resolve("cqe.xxd");
        Files.writeString(xxd, "00000000: 0200 0000 0000 0000 c2ff ffff 0200 0000  ................\n");
        Run cqe = decode("cqe", "@" + xxd, "--json");
        assertTrue(cqe.out().contains("\"text\":\"-62 ETIME\""), cqe.out());
        assertTrue(cqe.out().contains("\"text\":\"MORE\""), cqe.out());
    }

    @Test
    void cStyleAndEscapedHexAreAccepted() {
        Run r = decode("cqe", "{0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, \\x05\\x00\\x00\\x00 0x00,0x00,0x00,0x00}");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("res        5"), r.out());
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        for (String[] args : List.of(new String[] {"sqee", "00"}, new String[] {"sqe", "0b", "00"}, new String[] {"sqe", "zz"},
                new String[] {"sqe", TIMEOUT, "--profile", "nope"}, new String[] {"sqe", TIMEOUT, "--profile", "bpf-ext:opcod=1"})) {
            Run r = decode(args);
            assertEquals(2, r.exit(), r.out());
            assertTrue(r.out().startsWith("ringside decode: "), r.out());
            assertEquals(1, r.out().lines().count(), r.out());
        }
    }
}
