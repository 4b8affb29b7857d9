package dev.ringside.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 10's rough edges of the console's output, each checked on real rings. */
class ConsoleRoughEdgesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static List<JsonNode> jsonLines(String out) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (String line : out.lines().filter(l -> l.startsWith("{")).toList()) {
            all.add(JSON.readTree(line));
        }
        return all;
    }

    static List<JsonNode> ofType(List<JsonNode> all, String type) {
        return all.stream().filter(n -> n.path("type").asText().equals(type)).toList();
    }

    @Test
    void ringCreateSaysOneSummaryAndInfoOrVerboseTheParamsAndOffsets() throws IOException {
        String out = Scripts.run(dir, "ring create a entries=4\n", ScriptRunner.PASSED);
        assertTrue(out.contains("ring a: fd "), out);
        assertTrue(out.contains("4 SQ entries"), out);
        assertTrue(out.matches("(?s).*\\n  flags     0\\n  features  [A-Z0-9_|]*NODROP[A-Z0-9_|]*\\n.*"), out);
        assertFalse(out.contains("sq_off.head"), out);
        assertFalse(out.contains("sq_thread_idle"), out);
        for (String full : List.of("ring create b entries=4 -v\n", "ring create b entries=4\nring info b\n")) {
            String verbose = Scripts.run(dir, full, ScriptRunner.PASSED);
            assertTrue(verbose.contains("sq_off.head"), verbose);
            assertTrue(verbose.contains("cq_off.cqes"), verbose);
            assertTrue(verbose.contains("sq_thread_idle"), verbose);
        }
        // --json keeps the params: it is for programs, which want everything
        JsonNode ring = jsonLines(Scripts.run(dir, "ring create --json\n", ScriptRunner.PASSED)).getFirst();
        assertTrue(ring.path("params").path("fields").size() > 10, ring.toString());
    }

    @Test
    void decodeJsonObjectsHaveTheirTypeFirstOneALine() throws IOException {
        StringWriter text = new StringWriter();
        // two CQEs: user_data 1 res 0, user_data 2 res -62
        assertEquals(0, Main.run(List.of("decode", "cqe", "01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                + " 02 00 00 00 00 00 00 00 c2 ff ff ff 00 00 00 00", "--json"), new PrintWriter(text, true)));
        List<String> lines = text.toString().lines().toList();
        assertEquals(2, lines.size(), text.toString());
        for (int i = 0; i < 2; i++) {
            assertTrue(lines.get(i).startsWith("{\"type\":\"decode\","), lines.get(i));
            JsonNode cqe = JSON.readTree(lines.get(i));
            assertEquals(i, cqe.path("index").asInt());
            assertEquals("io_uring_cqe", cqe.path("struct").asText());
        }
        assertEquals("-62 ETIME", JSON.readTree(lines.get(1)).path("fields").get(1).path("text").asText());
        StringWriter one = new StringWriter();
        Main.run(List.of("decode", "cqe", "01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", "--json"), new PrintWriter(one, true));
        assertTrue(one.toString().startsWith("{\"type\":\"decode\",\"struct\":\"io_uring_cqe\""), one.toString());
    }

    @Test
    void aFailedExpectIsAnExpectObjectWithMetFalse() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                sqe nop user_data=1
                submit wait=1
                expect cqe user_data=1 res=-EIO --json
                expect cqes=1 timeout=1ms --json
                """, ScriptRunner.FAILED);
        List<JsonNode> expects = ofType(jsonLines(out), "expect");
        assertEquals(2, expects.size(), out);
        assertFalse(expects.getFirst().path("met").asBoolean(true), out);
        assertEquals("cqe user_data=1 res=-5 EIO", expects.getFirst().path("expected").asText());
        assertEquals("cqe user_data=1 res=0 flags=0", expects.getFirst().path("got").asText());
        assertEquals("cqes=1", expects.get(1).path("expected").asText());
        // the text line with where it happened stays, for humans and for jq -R 'fromjson?'
        assertTrue(out.contains("t.iou:4: expected cqe user_data=1 res=-5 EIO, got cqe user_data=1 res=0 flags=0"), out);
    }

    @Test
    void registerJsonCarriesTheArgumentDecodedAsStructs() throws IOException {
        String out = Scripts.run(dir, """
                ring create entries=4
                buf alloc b 64
                register buffers b --json
                register pbuf_ring group=3 entries=2 size=16 --json
                """, ScriptRunner.PASSED);
        List<JsonNode> registers = ofType(jsonLines(out), "register");
        assertEquals(2, registers.size(), out);
        JsonNode iovec = registers.getFirst().path("arg_structs").get(0);
        assertEquals("iovec", iovec.path("struct").asText(), registers.getFirst().toString());
        assertEquals(64, iovec.path("fields").get(1).path("raw").asInt(), iovec.toString());
        JsonNode reg = registers.get(1).path("arg_structs").get(0);
        assertEquals("io_uring_buf_reg", reg.path("struct").asText(), registers.get(1).toString());
        JsonNode entries = null;
        for (JsonNode f : reg.path("fields")) {
            if (f.path("name").asText().equals("ring_entries")) {
                entries = f;
            }
        }
        assertEquals(2, entries == null ? -1 : entries.path("raw").asInt(), reg.toString());
    }

    @Test
    void bufShowAndBufListWriteTheAddressTheSameWay() throws IOException {
        List<JsonNode> all = jsonLines(Scripts.run(dir, "buf alloc b 16 align=64\nbuf show b --json\nbuf list --json\n",
                ScriptRunner.PASSED));
        JsonNode show = ofType(all, "buf").getFirst();
        JsonNode list = ofType(all, "buffer").getFirst();
        assertTrue(show.path("address").isNumber(), show.toString());
        assertEquals(list.path("address"), show.path("address"));
        assertEquals(64, show.path("alignment").asInt(), show.toString());
        assertEquals(list.path("alignment"), show.path("alignment"));
    }

    @Test
    void requireOfAProfileOpcodeSkipsWithTheProfileToLoad() throws IOException {
        String out = Scripts.run(dir, "require op=BPF\nring create\n", ScriptRunner.SKIPPED);
        assertTrue(out.contains("BPF is an opcode of the profile bpf-ext"), out);
        assertTrue(out.contains("'profile load bpf-ext'"), out);
        // a typo is still the script's error, not a skip
        String typo = Scripts.run(dir, "require op=TIMEOT\n", ScriptRunner.ERROR);
        assertTrue(typo.contains("unknown opcode 'TIMEOT'"), typo);
    }

    @Test
    void aUserDataTypedInHexComesBackInHex() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                sqe nop user_data=0x10
                sqe nop user_data=17
                submit wait=2
                expect cqe user_data=0x10 res=0
                expect cqe user_data=17 res=0
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("cqe user_data=0x10 res=0 flags=0   <- NOP"), out);
        assertTrue(out.contains("cqe user_data=17 res=0 flags=0   <- NOP"), out);
    }

    @Test
    void sqeShowGivesAHexUserDataInHexAndATimeoutInItsShortestSpelling() throws IOException {
        String out = Scripts.run(dir, "ring create\nsqe timeout user_data=0x10 ts=1000000ns\nsqe show\n", ScriptRunner.PASSED);
        assertTrue(out.contains("  user_data      0x10\n"), out);
        assertTrue(out.contains("  ts             -> 1ms (a timespec the ring allocates at submit)"), out);
    }

    @Test
    void anExpectThatTimesOutSaysItsOwnTimeout() throws IOException {
        String out = Scripts.run(dir, "ring create\nexpect cqe user_data=9 timeout=20ms\n", ScriptRunner.FAILED);
        assertTrue(out.contains("timed out after 20ms with 0 of 1 completions"), out);
        assertFalse(out.matches("(?s).*timed out after \\d+ns.*"), out);
    }
}
