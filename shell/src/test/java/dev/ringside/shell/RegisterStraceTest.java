package dev.ringside.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringside.tracer.journal.JournalReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oracle for registrations: strace decodes each io_uring_register call the console makes, and the
 * journal (tracer's {@code register_called}: the argument bytes as passed and as written back) must say
 * the same, byte for byte: the iovecs of BUFFERS, the fds of FILES, IOWQ_MAX_WORKERS' counts in and out,
 * RING_FDS' update, PBUF_RING's io_uring_buf_reg, FILES2's sparse io_uring_rsrc_register, an update's
 * offset and count, and for an opcode strace does not decode, the address; nr_args and the result too.
 */
class RegisterStraceTest {
    @TempDir
    Path dir;

    private static final Pattern CALL = Pattern.compile(
            "io_uring_register\\((\\d+), (\\w+|0x[0-9a-f]+ /\\* IORING_REGISTER_\\?\\?\\? \\*/), (.*), (\\d+)\\) = (-?\\d+)( E\\w+ .*)?$");

    @Test
    void straceDecodesTheBytesTheJournalSaysWerePassed() throws Exception {
        Path script = dir.resolve("register.iou");
        Files.writeString(script, """
                ring create entries=4
                buf alloc b 64
                buf alloc c 128
                pipe p
                register buffers b c
                register files $p.r $p.w
                register iowq_max_workers bound=3 unbound=5
                register ring_fds
                register files_update off=1 -1
                register buffers_update off=0 c
                register pbuf_ring group=7 entries=2 size=32
                register file_alloc_range off=0 len=2
                register files sparse=4 expect=-EBUSY
                """);
        Path log = dir.resolve("strace.log");
        Path journal = dir.resolve("journal.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of("strace", "-f", "-qq", "-e", "trace=io_uring_register", "-o", log.toString(),
                java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.ringside.shell.Main", "--journal", journal.toString(), script.toString());
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("strace is not installed: " + e.getMessage());
            return;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the traced console finished");
        Assumptions.assumeTrue(Files.exists(log) && !output.contains("PTRACE_TRACEME"), "strace cannot trace here: " + output);
        assertEquals(0, p.exitValue(), output);

        List<Matcher> traced = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = CALL.matcher(line.replaceFirst("^\\d+ +", ""));
            if (m.find()) {
                traced.add(m);
            }
        }
        List<JsonNode> calls = JournalReader.read(journal).lines().stream().filter(l -> l.type().equals("register_called"))
                .map(JournalReader.Line::json).toList();
        // the journal may hold calls strace saw on trial rings too; the session's are those on a ring
        List<JsonNode> session = calls.stream().filter(c -> !c.get("ring").asText().isEmpty()).toList();
        assertEquals(9, session.size(), "one register_called per register line: " + calls);
        List<Matcher> mine = traced.subList(traced.size() - session.size(), traced.size());
        for (int i = 0; i < session.size(); i++) {
            JsonNode c = session.get(i);
            Matcher m = mine.get(i);
            String what = "call " + i + " " + m.group(0);
            assertEquals(c.get("fd").asInt(), Integer.parseInt(m.group(1)), what);
            assertEquals(c.get("nr").asLong(), Long.parseLong(m.group(4)), what);
            long result = c.get("result").asLong();
            assertEquals(result < 0 ? -1 : result, Long.parseLong(m.group(5)), what);
            assertEquals(expected(c), m.group(3), what);
        }
    }

    /** Buffer c's iovec as BUFFERS passed it, which BUFFERS_UPDATE's data points to. */
    private String secondIovec = "";

    /** The argument as strace 6.x prints it, written from the journal's bytes. */
    private String expected(JsonNode call) {
        ByteBuffer in = bytes(call.get("arg_in").asText());
        ByteBuffer out = bytes(call.get("arg_out").asText());
        return switch (call.get("opcode").asInt()) {
            case 0 -> { // BUFFERS: struct iovec[nr]
                List<String> iovecs = new ArrayList<>();
                for (int i = 0; i < call.get("nr").asInt(); i++) {
                    iovecs.add("{iov_base=0x" + Long.toHexString(in.getLong(i * 16)) + ", iov_len=" + in.getLong(i * 16 + 8) + "}");
                }
                secondIovec = iovecs.get(1);
                yield "[" + String.join(", ", iovecs) + "]";
            }
            case 2 -> { // FILES: int fds[nr]
                List<String> fds = new ArrayList<>();
                for (int i = 0; i < call.get("nr").asInt(); i++) {
                    fds.add(Integer.toString(in.getInt(i * 4)));
                }
                yield "[" + String.join(", ", fds) + "]";
            }
            case 19 -> "[[IO_WQ_BOUND]=" + in.getInt(0) + ", [IO_WQ_UNBOUND]=" + in.getInt(4) + "] => [[IO_WQ_BOUND]="
                    + Integer.toUnsignedString(out.getInt(0)) + ", [IO_WQ_UNBOUND]=" + Integer.toUnsignedString(out.getInt(4)) + "]";
            case 20 -> "[{offset=" + in.getInt(0) + ", data=" + in.getInt(8) + "}]"; // io_uring_rsrc_update: offset, resv, data
            case 14 -> "{offset=" + in.getInt(0) + ", data=[-1], tags=" + nullOr(in.getLong(16)) + ", nr=" + in.getInt(24) + "}";
            // the iovec it points to is buffer c's, as BUFFERS passed it second
            case 16 -> "{offset=" + in.getInt(0) + ", data=[" + secondIovec + "], tags=" + nullOr(in.getLong(16))
                    + ", nr=" + in.getInt(24) + "}";
            case 22 -> "{ring_addr=0x" + Long.toHexString(in.getLong(0)) + ", ring_entries=" + in.getInt(8)
                    + ", bgid=" + Short.toUnsignedInt(in.getShort(12)) + "}";
            case 13 -> "{nr=" + in.getInt(0) + ", flags=" + (in.getInt(4) == 1 ? "IORING_RSRC_REGISTER_SPARSE" : "0x" + Integer.toHexString(in.getInt(4)))
                    + ", data=" + nullOr(in.getLong(16)) + ", tags=" + nullOr(in.getLong(24)) + "}";
            default -> "0x" + Long.toHexString(call.get("arg_address").asLong());
        };
    }

    private static String nullOr(long pointer) {
        return pointer == 0 ? "NULL" : "0x" + Long.toHexString(pointer);
    }

    private static ByteBuffer bytes(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex)).order(ByteOrder.LITTLE_ENDIAN);
    }
}
