package dev.ringside.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringside.shell.script.ScriptRunner;
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

/** --json: every data line is one JSON object with a type, parsed here with Jackson; no human text in between. */
class JsonOutputTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The script's output lines before the verdict line, each parsed; a line that is not JSON fails the test. */
    List<JsonNode> runJson(String script) throws IOException {
        Path file = dir.resolve("j.iou");
        Files.writeString(file, script);
        StringWriter out = new StringWriter();
        int code = Main.runScript(file, new PrintWriter(out, true));
        assertEquals(ScriptRunner.PASSED, code, out.toString());
        List<JsonNode> objects = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            if (line.startsWith(file + ": passed")) {
                continue;
            }
            assertTrue(line.startsWith("{"), "human text in JSON mode: " + line + "\n" + out);
            objects.add(JSON.readTree(line));
        }
        return objects;
    }

    static List<JsonNode> ofType(List<JsonNode> all, String type) {
        return all.stream().filter(n -> n.path("type").asText().equals(type)).toList();
    }

    @Test
    void ringSqeCqeAndHeaderLinesCarryTheirFields() throws IOException {
        List<JsonNode> all = runJson("""
                ring create entries=4 --json
                ring list --json
                sqe nop user_data=1 --json
                sqe timeout user_data=2 ts=1ms --json
                sqe list --json
                sqe show --json
                submit wait=2 --json
                mem sq --json
                mem cq --json
                mem cqes --json
                """);
        JsonNode ring = ofType(all, "ring").getFirst();
        assertEquals("r0", ring.get("name").asText());
        assertEquals(4, ring.get("sq_entries").asInt());
        assertTrue(ring.get("feature_names").toString().contains("NODROP"), ring.toString());
        assertEquals("io_uring_params", ring.get("params").get("struct").asText());
        JsonNode show = ofType(all, "sqe").getLast();
        assertEquals("TIMEOUT", show.get("opcode").asText());
        assertEquals("1ms", show.get("fields").get("ts").asText());
        assertEquals(128, show.get("bytes").asText().length(), show.toString());
        assertEquals(2, ofType(all, "submitted").getFirst().get("submitted").asInt());
        List<JsonNode> cqes = ofType(all, "cqe");
        assertEquals(2, cqes.size(), all.toString());
        JsonNode timeout = cqes.stream().filter(c -> c.get("user_data").asLong() == 2).findFirst().orElseThrow();
        assertEquals(-62, timeout.get("res").asInt());
        assertEquals("ETIME", timeout.get("errno").asText());
        assertEquals(0, timeout.get("flags").asInt());
        assertTrue(timeout.get("flag_names").isArray());
        assertEquals("TIMEOUT", timeout.get("sqe").get("opcode").asText());
        assertFalse(cqes.stream().filter(c -> c.get("user_data").asLong() == 1).findFirst().orElseThrow().has("errno"));
        assertEquals(2, ofType(all, "cq").getFirst().get("tail").asInt());
        assertEquals(2, ofType(all, "sq").getFirst().get("head").asInt());
        assertEquals(2, ofType(all, "cqe_slot").size(), all.toString());
    }

    @Test
    void probeGivesASummaryAndOneObjectPerOpcode() throws IOException {
        List<JsonNode> all = runJson("probe --json\n");
        JsonNode probe = ofType(all, "probe").getFirst();
        assertTrue(probe.get("last_op").asInt() > 0, probe.toString());
        JsonNode nop = ofType(all, "opcode").stream().filter(o -> o.get("name").asText().equals("NOP")).findFirst().orElseThrow();
        assertTrue(nop.get("supported").asBoolean());
        assertEquals(0, nop.get("number").asInt());
    }

    @Test
    void multishotCqesAreNumberedAndTheLastCountsThem() throws IOException {
        List<JsonNode> cqes = ofType(runJson("""
                ring create entries=4 --json
                sqe timeout user_data=9 timeout_flags=MULTISHOT count=3 ts=1ms --json
                submit wait=3 timeout=2s --json
                """), "cqe");
        assertEquals(3, cqes.size(), cqes.toString());
        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, cqes.get(i).get("seq").asInt());
            assertEquals(i < 2, cqes.get(i).get("more").asBoolean());
            assertEquals("MULTISHOT", cqes.get(i).get("sqe").get("timeout_flags").asText());
        }
        assertEquals(List.of("MORE"), List.of(cqes.getFirst().get("flag_names").get(0).asText()));
        assertEquals(3, cqes.getLast().get("count").asInt());
        assertFalse(cqes.getFirst().has("count"));
    }

    @Test
    void bufShowGivesTheBytesInHex() throws IOException {
        Path file = dir.resolve("b.iou");
        Files.writeString(file, "buf alloc b 4 text=\"hi\"\nbuf show b off=1 --json\n");
        StringWriter out = new StringWriter();
        assertEquals(ScriptRunner.PASSED, Main.runScript(file, new PrintWriter(out, true)), out.toString());
        String line = out.toString().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        JsonNode buf = JSON.readTree(line);
        assertEquals("buf", buf.get("type").asText());
        assertEquals("b", buf.get("name").asText());
        assertEquals(1, buf.get("off").asInt());
        assertEquals("690000", buf.get("hex").asText());
        assertFalse(out.toString().contains("0001  69"), out.toString());
    }

    @Test
    void anUnknownJsonOptionIsAOneLineError() throws IOException {
        Path file = dir.resolve("e.iou");
        Files.writeString(file, "ring create\nsqe drop --json\n");
        StringWriter out = new StringWriter();
        assertEquals(ScriptRunner.ERROR, Main.runScript(file, new PrintWriter(out, true)));
        assertTrue(out.toString().contains("e.iou:2:10: error: sqe drop takes no --json"), out.toString());
    }

    @Test
    void registerBuffersFdsPbufAndExpectHaveJsonToo() throws IOException {
        String out = Scripts.run(dir, """
                ring create entries=4
                socketpair s
                buf alloc b 8
                fds --json
                buf list --json
                register iowq_max_workers bound=4 unbound=4 --json
                register pbuf_ring group=3 entries=2 size=16
                mem pbuf 3 --json
                sqe nop user_data=1
                submit wait=1
                expect cqe user_data=1 res=0 --json
                """, ScriptRunner.PASSED);
        List<JsonNode> all = new ArrayList<>();
        for (String line : out.lines().filter(l -> l.startsWith("{")).toList()) {
            all.add(JSON.readTree(line));
        }
        assertEquals(List.of("s.0", "s.1"), ofType(all, "fd").stream().map(n -> n.path("name").asText()).toList());
        assertEquals(8, ofType(all, "buffer").getFirst().path("size").asInt());
        JsonNode register = ofType(all, "register").getFirst();
        assertEquals("IORING_REGISTER_IOWQ_MAX_WORKERS", register.path("opcode").asText());
        assertEquals(0, register.path("result").asLong());
        assertEquals("0400000004000000", register.path("arg").asText());
        assertTrue(register.has("written_back"), register.toString());
        JsonNode pbuf = ofType(all, "pbuf_ring").getFirst();
        assertEquals(2, pbuf.path("slots").size());
        assertEquals(0, pbuf.path("head").asInt());
        JsonNode expect = ofType(all, "expect").getFirst();
        assertTrue(expect.path("met").asBoolean());
        assertEquals("cqe user_data=1 res=0", expect.path("expected").asText());
        assertFalse(out.contains("previous limits"), "human text in JSON mode:\n" + out);
    }
}
