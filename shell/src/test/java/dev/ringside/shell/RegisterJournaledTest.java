package dev.ringside.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringside.decoders.register.RegisterOpcodes;
import dev.ringside.shell.script.ScriptRunner;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import dev.ringside.tracer.journal.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every io_uring_register the console makes is journaled by tracer (Event.RegisterCalled: opcode, nr,
 * the argument bytes in and as written back, result), also the PBUF_STATUS of {@code mem pbuf} and
 * {@code unregister}; {@code register --json} carries the same bytes decoded, in and out.
 */
class RegisterJournaledTest {
    @TempDir
    Path dir;

    record Run(List<Event> journal, String output) {
    }

    Run console(String script) throws IOException {
        Path file = dir.resolve("t.iou");
        Files.writeString(file, script);
        StringWriter out = new StringWriter();
        try (Session session = new Session(new PrintWriter(out, true), new Style(false))) {
            ScriptRunner.Result result = new ScriptRunner(session).run(file);
            assertEquals(ScriptRunner.PASSED, result.exitCode(), out.toString());
            return new Run(session.journal().events(), out.toString());
        }
    }

    private static List<Event.RegisterCalled> calls(Run run) {
        return run.journal().stream().filter(e -> e instanceof Event.RegisterCalled).map(e -> (Event.RegisterCalled) e).toList();
    }

    private static int op(String name) {
        return RegisterOpcodes.named(name).number();
    }

    @Test
    void everyCallIsJournaledWithItsBytesInAndOut() throws IOException {
        Run run = console("""
                ring create entries=4
                register iowq_max_workers bound=0 unbound=0 --json
                register ring_fds --json
                register pbuf_ring group=2 entries=2 size=16
                mem pbuf 2
                unregister pbuf_ring group=2
                register files sparse=100000000 expect=-EMFILE
                """);
        List<Event.RegisterCalled> calls = calls(run);
        assertEquals(List.of(op("IOWQ_MAX_WORKERS"), op("RING_FDS"), op("PBUF_RING"), op("PBUF_STATUS"),
                op("UNREGISTER_PBUF_RING"), op("FILES2")),
                calls.stream().map(Event.RegisterCalled::opcode).toList(), run.output());

        Event.RegisterCalled workers = calls.getFirst();
        assertEquals(2, workers.nr());
        ByteBuffer in = ByteBuffer.wrap(workers.argIn()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, in.getInt(0));
        assertEquals(0, in.getInt(4));
        // 0 reads a limit without changing it, and a limit is never 0: the answer always differs
        assertTrue(workers.wroteBack(), "the kernel answers the current limits in place");

        Event.RegisterCalled ringFds = calls.get(1);
        assertEquals(-1, ByteBuffer.wrap(ringFds.argIn()).order(ByteOrder.LITTLE_ENDIAN).getInt(0), "offset -1 asks for any slot");
        int slot = ByteBuffer.wrap(ringFds.argOut()).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        assertEquals(ringFds.result(), 1);
        // registered ring fds are per thread, so earlier rings of this JVM may hold the first slots
        assertTrue(slot >= 0 && slot < 16, "the kernel wrote the slot it picked: " + slot);

        Event.RegisterCalled status = calls.get(3);
        assertEquals(1, status.nr());
        assertFalse(status.ring().isEmpty());

        Event.RegisterCalled sparse = calls.getLast();
        assertTrue(sparse.result() < 0, "a refused call is journaled with -errno: " + sparse.result());

        // --json: the same bytes, decoded, in and out
        List<JsonNode> json = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : run.output().lines().filter(l -> l.startsWith("{\"type\":\"register\"")).toList()) {
            json.add(mapper.readTree(line));
        }
        assertEquals(2, json.size(), run.output());
        JsonNode w = json.getFirst();
        assertEquals(HexFormat.of().formatHex(workers.argIn()), w.path("arg").asText());
        assertEquals(HexFormat.of().formatHex(workers.argOut()), w.path("written_back").asText());
        assertEquals("bound", w.path("arg_structs").get(0).path("fields").get(0).path("name").asText(), w.toString());
        assertEquals(0, w.path("arg_structs").get(0).path("fields").get(0).path("raw").asInt(), w.toString());
        assertEquals(Integer.toUnsignedLong(ByteBuffer.wrap(workers.argOut()).order(ByteOrder.LITTLE_ENDIAN).getInt(0)),
                w.path("written_back_structs").get(0).path("fields").get(0).path("raw").asLong(), w.toString());
        JsonNode r = json.get(1);
        JsonNode offsetOut = r.path("written_back_structs").get(0).path("fields").get(0);
        assertEquals("offset", offsetOut.path("name").asText(), r.toString());
        assertEquals(slot, offsetOut.path("raw").asInt(), r.toString());
        assertNotNull(r.path("arg_structs").get(0), r.toString());
        assertArrayEquals(ringFds.argIn(), HexFormat.of().parseHex(r.path("arg").asText()));
    }
}
