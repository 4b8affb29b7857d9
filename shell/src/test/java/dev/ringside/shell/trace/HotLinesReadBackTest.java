package dev.ringside.shell.trace;

import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.JournalJson;
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

/**
 * The hot lines read from their bytes (HotLineParser) give what Jackson's tree of the same line gives: trace show's
 * text and trace export's file. The lines are Jackson's own (JournalJson.toLine), odd values included.
 */
class HotLinesReadBackTest {
    private static List<String> lines() {
        return List.of(
                "{\"type\":\"journal\",\"schema\":" + JournalJson.SCHEMA_VERSION + ",\"pid\":1,\"started\":\"x\"}",
                "{\"type\":\"session\",\"label\":\"t\",\"monotonic_start_ns\":5}",
                JournalJson.toLine(new Event.Entered(900, "r0", Event.EnterReason.SUBMIT, 2, 0, 0, -1, 2, 400)).strip(),
                JournalJson.toLine(new Event.Submitted(1000, "r0", 2, 2)).strip(),
                JournalJson.toLine(new Event.CqeReaped(3000, "r0", 1, 0, 0)).strip(),
                JournalJson.toLine(new Event.CqeReaped(2000, "r0", -1L, -125, 0x2)).strip(),
                JournalJson.toLine(new Event.CqeReaped(2000, "r\"1", Long.MAX_VALUE, Integer.MIN_VALUE, -1)).strip(),
                JournalJson.toLine(new Event.CqeReaped(4000, "r0", 7, 4096, 0x1 | (3 << 16))).strip(),
                JournalJson.toLine(new Event.Entered(4100, "r0", Event.EnterReason.WAIT, 0, 1, 1, 10_000_000_000L, -62,
                        1_234_567_890_123L)).strip(),
                "{\"type\":\"cqe_reaped\", \"at\":4200,\"ring\":\"r0\",\"user_data\":9,\"res\":0,\"flags\":0}",
                "{\"type\":\"cqe_reaped\",\"at\":4300,\"ring\":\"r0\",\"user_data\":9,\"res\":0,\"flags\":0,\"extra\":1}",
                "{\"type\":\"cqe_reaped\",\"at\":4400,\"ring\":\"r0\",\"user_data\":123456789012345678901,\"res\":0,\"flags\":0}");
    }

    @Test
    void showPrintsWhatTheTreePrints(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("j.jsonl");
        Files.writeString(file, String.join("\n", lines()) + "\n");
        StringWriter fast = new StringWriter();
        TraceShow.print(file, List.of(), new PrintWriter(fast));
        StringWriter tree = new StringWriter();
        TraceShow.print(TraceShow.read(file), List.of(), new PrintWriter(tree));
        assertTrue(fast.toString().contains("res=-125 ECANCELED"), fast.toString());
        assertEquals(tree.toString(), fast.toString());
    }

    @Test
    void exportWritesWhatTheTreeWrites(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("j.jsonl");
        Files.writeString(file, String.join("\n", lines()) + "\n");
        TraceExport.write(file, dir.resolve("fast.json"));
        TraceExportReference.write(Timeline.of(TraceShow.read(file)), dir.resolve("tree.json"));
        assertEquals(Files.readString(dir.resolve("tree.json")), Files.readString(dir.resolve("fast.json")));
    }
}
