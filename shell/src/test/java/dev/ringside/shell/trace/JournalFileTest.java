package dev.ringside.shell.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringside.shell.Main;
import dev.ringside.tracer.journal.JournalJson;
import dev.ringside.tracer.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal on disk: JSON Lines with a schema line first, written as it happens, readable after a SIGKILL. */
class JournalFileTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out) {
    }

    Outcome main(String... args) {
        StringWriter text = new StringWriter();
        int code = Main.run(List.of(args), new PrintWriter(text, true));
        return new Outcome(code, text.toString());
    }

    @Test
    void aRunJournalsEveryStepWithTheTypeFirstAndTheSchemaLineFirst() throws IOException {
        Path script = Files.writeString(dir.resolve("t.iou"),
                "ring create entries=4\nsqe timeout user_data=7 ts=1ms\nsubmit wait=1\nexpect cqe user_data=7 res=-ETIME\n");
        Path journal = dir.resolve("j.jsonl");
        Outcome run = main("run", "--journal", journal.toString(), script.toString());
        assertEquals(0, run.code(), run.out());

        List<String> lines = Files.readAllLines(journal);
        assertTrue(lines.getFirst().startsWith("{\"type\":\"journal\",\"schema\":" + JournalJson.SCHEMA_VERSION + ","),
                lines.getFirst());
        for (String line : lines) {
            assertTrue(line.startsWith("{\"type\":\""), line);
        }
        JournalReader.Contents contents = JournalReader.read(journal);
        assertTrue(contents.torn().isEmpty(), contents.torn().toString());
        List<String> types = contents.lines().stream().map(JournalReader.Line::type).toList();
        assertEquals(List.of("journal", "session"), types.subList(0, 2));
        for (String kind : List.of("ring_configured", "ring_created", "sqe_assigned", "sqe_queued", "entered", "submitted",
                "cqe_reaped", "expected", "command_ran", "ring_closed")) {
            assertTrue(types.contains(kind), kind + " missing in " + types);
        }
        JsonNode cqe = contents.lines().stream().filter(l -> l.type().equals("cqe_reaped")).findFirst().orElseThrow().json();
        assertEquals(7, cqe.path("user_data").asLong());
        assertEquals(-62, cqe.path("res").asInt());
        // an OptionalLong as a number (jdk8 module), an absent one as null
        JsonNode expected = contents.lines().stream().filter(l -> l.type().equals("expected")).findFirst().orElseThrow().json();
        assertEquals(7, expected.path("user_data").asLong());
        assertTrue(expected.path("flags").isNull(), expected.toString());

        Outcome show = main("trace", "show", journal.toString());
        assertEquals(0, show.code(), show.out());
        assertTrue(show.out().contains("cqe user_data=7 res=-62 ETIME flags=0"), show.out());
        assertTrue(show.out().contains("> submit wait=1"), show.out());
        Outcome filtered = main("trace", "show", journal.toString(), "cqe_reaped", "user_data=7");
        assertEquals(1, filtered.out().lines().filter(l -> l.contains("cqe user_data=")).count(), filtered.out());
        assertFalse(filtered.out().contains("io_uring_enter"), filtered.out());
    }

    @Test
    void noJournalWritesNothingAndAnUnwritableLocationIsOneLineOfWarning() throws IOException {
        Path script = Files.writeString(dir.resolve("t.iou"), "ring create\nsqe nop user_data=1\nsubmit wait=1\n");
        Path before = dir.resolve("none");
        Files.createDirectories(before);
        String surefire = System.getProperty("ringside.journal.dir");
        System.setProperty("ringside.journal.dir", before.toString());
        try {
            Outcome off = main("--no-journal", script.toString());
            assertEquals(0, off.code(), off.out());
            try (var files = Files.list(before)) {
                assertEquals(0, files.count());
            }
            // the default location: the property (tests) stands in for ~/.local/state/ringside
            Outcome on = main(script.toString());
            assertEquals(0, on.code(), on.out());
            try (var files = Files.list(before)) {
                assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).count());
            }
        } finally {
            // back to the build's directory, so later tests in this JVM do not journal into ~/.local/state
            if (surefire == null) {
                System.clearProperty("ringside.journal.dir");
            } else {
                System.setProperty("ringside.journal.dir", surefire);
            }
        }
        Path blocker = Files.writeString(dir.resolve("a-file"), "x");
        Outcome unwritable = main("--journal", blocker.resolve("j.jsonl").toString(), script.toString());
        assertEquals(0, unwritable.code(), unwritable.out());
        List<String> warnings = unwritable.out().lines().filter(l -> l.contains("no journal file")).toList();
        assertEquals(1, warnings.size(), unwritable.out());
        assertFalse(unwritable.out().contains("\tat "), unwritable.out());
    }

    /** {@code -c} after a journal option: --journal FILE journals the lines there, --no-journal runs them without one. */
    @Test
    void dashCAfterAJournalOptionRunsTheLinesJournaledAsItSays() throws IOException {
        Path journal = dir.resolve("c.jsonl");
        Outcome run = main("--journal", journal.toString(), "-c", "ring create; sqe nop user_data=9; submit wait=1; expect cqe user_data=9 res=0");
        assertEquals(0, run.code(), run.out());
        JournalReader.Contents contents = JournalReader.read(journal);
        JsonNode cqe = contents.lines().stream().filter(l -> l.type().equals("cqe_reaped")).findFirst().orElseThrow().json();
        assertEquals(9, cqe.path("user_data").asLong());

        Outcome off = main("--no-journal", "-c", "ring create; sqe nop user_data=3; submit wait=1; expect cqe user_data=3 res=0");
        assertEquals(0, off.code(), off.out());
        assertTrue(off.out().contains("-c: passed"), off.out());
        Outcome two = main("--no-journal", "-c", "ring create", "sqe nop");
        assertEquals(2, two.code(), two.out());
        assertTrue(two.out().contains("give the lines as one argument"), two.out());
    }

    @Test
    void aTraceShowOfAMissingFileOrBadArgumentsIsOneLine() {
        Outcome missing = main("trace", "show", dir.resolve("nope.jsonl").toString());
        assertEquals(2, missing.code());
        assertEquals(1, missing.out().strip().lines().count(), missing.out());
        assertEquals(2, main("trace", "show").code());
        assertEquals(2, main("--journal").code());
        // in a script: one error line each, pointing at the word
        for (String line : List.of("trace show " + dir.resolve("nope.jsonl"), "trace on bogus", "trace on buffer_kb=x")) {
            Path script;
            try {
                script = Files.writeString(dir.resolve("bad.iou"), line + "\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Outcome bad = main("--no-journal", script.toString());
            assertEquals(2, bad.code(), bad.out());
            assertEquals(1, bad.out().lines().filter(l -> l.contains(": error: ")).count(), bad.out());
            assertTrue(bad.out().contains("bad.iou:1:"), bad.out());
            assertFalse(bad.out().contains("\tat "), bad.out());
        }
    }

    /** A console JVM looping on submissions, killed with SIGKILL: every line it completed is in the file and parses. */
    @Test
    void aKilledRunLeavesAJournalWhoseEveryCompleteLineParses() throws Exception {
        Path script = Files.writeString(dir.resolve("loop.iou"),
                "ring create entries=8\nrepeat 100000 {\nsqe nop user_data=5\nsubmit wait=1\nexpect cqe user_data=5 res=0\n}\n");
        Path journal = dir.resolve("killed.jsonl");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--journal", journal.toString(), script.toString()));
        Process console = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lineCount(journal) < 2000 && console.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(console.isAlive(), "the console ended before it was killed: "
                    + Files.readString(dir.resolve("console.out")));
            long seen = lineCount(journal);
            console.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no flush
            assertTrue(console.waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, console.exitValue());

            JournalReader.Contents contents = JournalReader.read(journal);
            assertTrue(contents.problems().isEmpty(), contents.problems().toString());
            assertTrue(contents.lines().size() >= seen, contents.lines().size() + " lines, " + seen + " seen before the kill");
            assertEquals(JournalJson.SCHEMA_VERSION, contents.schema().orElseThrow());
            assertTrue(contents.lines().stream().anyMatch(l -> l.type().equals("cqe_reaped")));
            assertFalse(contents.lines().stream().anyMatch(l -> l.type().equals("ring_closed")), "the run was not killed mid-way");

            Outcome show = main("trace", "show", journal.toString());
            assertEquals(0, show.code(), show.out());
            assertTrue(show.out().contains("cqe user_data=5 res=0 flags=0"), show.out());
            assertFalse(show.out().contains("Exception"), show.out());
        } finally {
            console.destroyForcibly();
        }
    }

    /**
     * The flush points without the timer (flush-ms of ten minutes): a console blocked in a wait the kernel will
     * not end for a minute, killed with SIGKILL, has left every event before that wait in the file, the
     * buffered NOP loop before it included; after it, at most the wait's own enter slices.
     */
    @Test
    void aKillDuringABlockingWaitLeavesEveryEventBeforeTheWait() throws Exception {
        Path script = Files.writeString(dir.resolve("hang.iou"), "ring create entries=8\nrepeat 300 {\nsqe nop user_data=5\n"
                + "submit wait=1\n}\nsqe timeout user_data=9 ts=60s\nsubmit wait=1 timeout=60s\n");
        Path journal = dir.resolve("hang.jsonl");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dringside.journal.flush-ms=600000", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", "--journal", journal.toString(),
                script.toString()));
        Process console = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("hang.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!submittedTimeout(journal) && console.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(console.isAlive(), "the console ended before it was killed: " + Files.readString(dir.resolve("hang.out")));
            assertTrue(submittedTimeout(journal), "the submit before the wait never reached the file");
            console.destroyForcibly(); // SIGKILL
            assertTrue(console.waitFor(10, TimeUnit.SECONDS));

            JournalReader.Contents contents = JournalReader.read(journal);
            assertTrue(contents.problems().isEmpty() && contents.torn().isEmpty(), contents.problems() + " " + contents.torn());
            List<JournalReader.Line> lines = contents.lines();
            assertEquals(300, lines.stream().filter(l -> l.type().equals("cqe_reaped")
                    && l.json().path("user_data").asLong() == 5).count(), "every NOP of the loop before the wait");
            int queued = indexOf(lines, "sqe_queued", 9);
            List<String> after = lines.subList(queued + 1, lines.size()).stream().map(JournalReader.Line::type).toList();
            assertEquals(List.of("entered", "submitted"), after.subList(0, 2), "the timeout's submit: " + after);
            for (JournalReader.Line l : lines.subList(queued + 3, lines.size())) {
                assertEquals("WAIT", l.json().path("reason").asText(), "only the wait's slices after it: " + l.json());
            }
        } finally {
            console.destroyForcibly();
        }
    }

    private static boolean submittedTimeout(Path journal) throws IOException {
        if (!Files.exists(journal)) {
            return false;
        }
        List<JournalReader.Line> lines = JournalReader.read(journal).lines();
        int queued = indexOf(lines, "sqe_queued", 9);
        return queued >= 0 && lines.subList(queued, lines.size()).stream().anyMatch(l -> l.type().equals("submitted"));
    }

    private static int indexOf(List<JournalReader.Line> lines, String type, long userData) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).type().equals(type) && lines.get(i).json().path("user_data").asLong() == userData) {
                return i;
            }
        }
        return -1;
    }

    /** A torn last line (the write a kill cut short) is a note, not an error; the lines before it print. */
    @Test
    void aTornLastLineIsReportedNotFatal() throws IOException {
        Path script = Files.writeString(dir.resolve("t.iou"), "ring create\nsqe nop user_data=3\nsubmit wait=1\n");
        Path journal = dir.resolve("j.jsonl");
        assertEquals(0, main("--journal", journal.toString(), script.toString()).code());
        Files.write(journal, "{\"type\":\"cqe_reaped\",\"at\":12".getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);
        Outcome show = main("trace", "show", journal.toString());
        assertEquals(0, show.code(), show.out());
        assertTrue(show.out().contains("cqe user_data=3 res=0"), show.out());
        assertTrue(show.out().strip().lines().toList().getLast().startsWith("note: line "), show.out());
        assertTrue(show.out().contains("cut short"), show.out());
    }

    private static long lineCount(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(file);
        long n = 0;
        for (byte b : bytes) {
            n += b == '\n' ? 1 : 0;
        }
        return n;
    }
}
