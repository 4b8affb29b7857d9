package dev.ringside.shell.command.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code decode TYPE @FILE} with raw binary, {@code @-} from standard input, both bounded (issues 10 and 12). */
class DecodeInputTest {
    /** The TIMEOUT SQE of {@link DecodeCommandTest} as its 64 raw bytes. */
    static byte[] timeoutSqe() {
        return HexInput.parse(DecodeCommandTest.TIMEOUT);
    }

    static DecodeCommandTest.Run decode(InputStream stdin, String... args) {
        StringWriter text = new StringWriter();
        int exit = DecodeCommand.cli(List.of(args), new PrintWriter(text, true), stdin);
        return new DecodeCommandTest.Run(exit, text.toString());
    }

    @Test
    void rawBinaryFileDecodes(@TempDir Path dir) throws IOException {
        Path bin = dir.resolve("sqe.bin");
        Files.write(bin, timeoutSqe());
        DecodeCommandTest.Run r = decode(InputStream.nullInputStream(), "sqe", "@" + bin);
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("timeout_flags  ABS|IMMEDIATE_ARG"), r.out());
    }

    @Test
    void stdinGivesHexOrRawBytes() {
        DecodeCommandTest.Run hex = decode(new ByteArrayInputStream(DecodeCommandTest.TIMEOUT.getBytes(StandardCharsets.US_ASCII)),
                "sqe", "@-");
        assertEquals(0, hex.exit(), hex.out());
        assertTrue(hex.out().contains("timeout_ns     1000000 (1ms; the value itself, no pointer)"), hex.out());
        DecodeCommandTest.Run raw = decode(new ByteArrayInputStream(timeoutSqe()), "sqe", "@-");
        assertEquals(0, raw.exit(), raw.out());
        assertTrue(raw.out().contains("timeout_ns     1000000 (1ms; the value itself, no pointer)"), raw.out());
    }

    @Test
    void stdinIsBounded() {
        // an endless stream, as /dev/zero on standard input: refused after the limit, not read forever
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }
        };
        DecodeCommandTest.Run r = decode(endless, "sqe", "@-");
        assertEquals(2, r.exit(), r.out());
        assertEquals("ringside decode: the input to decode standard input has more than 1048576 bytes"
                + " (the most the input to decode may have): refused\n", r.out());
    }
}
