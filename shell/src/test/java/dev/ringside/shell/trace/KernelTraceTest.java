package dev.ringside.shell.trace;

import dev.ringside.shell.Main;
import dev.ringside.tracer.journal.JournalReader;
import dev.ringside.tracer.trace.Tracefs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernel's io_uring tracepoints, read from the console's own tracefs instance, are the oracle here:
 * they must name exactly the requests the console submitted. Needs root (tracefs is mounted if it is not).
 */
class KernelTraceTest {
    @TempDir
    Path dir;

    private List<String> instancesBefore;

    @BeforeEach
    void tracefs() throws IOException {
        assumeTrue(Tracefs.root(), "kernel tracing needs root (tracefs)");
        Tracefs.Result<Path> root = Tracefs.locate(line -> { });
        assumeTrue(root.value().isPresent(), root.why());
        instancesBefore = ringsideInstances();
    }

    @AfterEach
    void noInstanceLeftBehind() throws IOException {
        if (instancesBefore != null) {
            assertEquals(instancesBefore, ringsideInstances(), "a tracefs instance was left behind");
        }
    }

    /** Ours only: other processes on this machine may make their own instances meanwhile. */
    private static List<String> ringsideInstances() throws IOException {
        String mine = Tracefs.INSTANCE_PREFIX + ProcessHandle.current().pid();
        return Tracefs.instances(Tracefs.MOUNT_POINT).stream().filter(n -> n.equals(mine) || n.startsWith(mine + "-")).toList();
    }

    record Outcome(int code, String out) {
    }

    Outcome main(String... args) {
        StringWriter text = new StringWriter();
        int code = Main.run(List.of(args), new PrintWriter(text, true));
        return new Outcome(code, text.toString());
    }

    static List<JournalReader.Line> kernel(JournalReader.Contents contents, String name) {
        return contents.lines().stream().filter(l -> l.type().equals("kernel_event") && l.json().path("name").asText().equals(name))
                .toList();
    }

    static List<Long> userData(List<JournalReader.Line> events) {
        return events.stream().map(l -> Long.decode(l.json().path("fields").path("user_data").asText())).toList();
    }

    @Test
    void aLinkedReadOnAnEmptyPipeIsSubmittedAndCompletedAsTheKernelSaysAndTheConsoleSaysWhy() throws IOException {
        Path script = Files.writeString(dir.resolve("linked.iou"), """
                ring create entries=8
                pipe p
                buf alloc in 16
                sqe read user_data=1 fd=$p.r addr=@in len=5 flags=IO_LINK
                sqe link_timeout user_data=2 ts=1ms
                sqe read user_data=3 fd=$p.r addr=@in len=5
                submit wait=2
                expect cqe user_data=1 res=-ECANCELED
                expect cqe user_data=2 res=-ETIME
                sqe async_cancel user_data=4 target=3
                submit wait=2
                expect cqe user_data=3 res=-ECANCELED
                expect cqe user_data=4 res=0
                """);
        Path journal = dir.resolve("trace.jsonl");
        Outcome run = main("run", "--trace", journal.toString(), script.toString());
        assertEquals(0, run.code(), run.out());
        assertTrue(run.out().contains("why: cancelled: its LINK_TIMEOUT user_data=2 fired after "), run.out());
        assertTrue(run.out().contains("why: cancelled by ASYNC_CANCEL user_data=4 (which completed with 0)"), run.out());
        assertTrue(run.out().matches("(?s).*cqe user_data=1 res=-125 ECANCELED.*\n    kernel \\+0us +submit_req .*"), run.out());

        JournalReader.Contents contents = JournalReader.read(journal);
        assertTrue(contents.torn().isEmpty());
        // exactly the user_data values the script submitted, in the order it submitted them
        assertEquals(List.of(1L, 2L, 3L, 4L), userData(kernel(contents, "submit_req")));
        List<Long> completed = userData(kernel(contents, "complete"));
        assertEquals(List.of(1L, 2L, 3L, 4L), completed.stream().sorted().toList(), completed.toString());
        // the console reaped what the kernel completed, in the kernel's order
        List<Long> reaped = contents.lines().stream().filter(l -> l.type().equals("cqe_reaped"))
                .map(l -> l.json().path("user_data").asLong()).toList();
        assertEquals(completed, reaped);
        // the link timeout linked after the READ; the READ was armed for poll (an empty pipe)
        assertEquals(1, kernel(contents, "link").size());
        assertTrue(userData(kernel(contents, "poll_arm")).contains(1L));
        for (JournalReader.Line e : kernel(contents, "submit_req")) {
            assertEquals("r0", e.json().path("ring").asText());
        }
        // the kernel's events come after the ring's creation on the journal's clock, and before its close
        long created = at(contents, "ring_created");
        long closed = at(contents, "ring_closed");
        for (JournalReader.Line e : kernel(contents, "complete")) {
            long at = e.json().path("at").asLong();
            assertTrue(at > created - 1_000_000 && at < closed, at + " outside " + created + ".." + closed);
        }
        // kernel and console events are journaled in one time order, in memory and in the file
        long last = Long.MIN_VALUE;
        for (JournalReader.Line line : contents.lines().subList(2, contents.lines().size())) {
            long at = line.json().path("at").asLong();
            assertTrue(at >= last, "line " + line.number() + " (" + line.type() + ") is earlier than the line before it");
            last = at;
        }
        Outcome show = main("trace", "show", journal.toString(), "kernel", "user_data=2");
        assertTrue(show.out().contains("kernel complete"), show.out());
        assertFalse(show.out().contains("user_data=0x1 "), show.out());
    }

    /** A ring created before trace on is traced too: a PROBE on its fd makes the kernel name its ctx in io_uring_register. */
    @Test
    void aRingCreatedBeforeTraceOnIsTracedToo() throws IOException {
        Path script = Files.writeString(dir.resolve("before.iou"), """
                ring create entries=8
                ring create late entries=8
                ring use r0
                trace on
                sqe nop user_data=9
                submit wait=1
                expect cqe user_data=9 res=0
                trace off
                """);
        Path journal = dir.resolve("before.jsonl");
        Outcome run = main("run", "--journal", journal.toString(), script.toString());
        assertEquals(0, run.code(), run.out());
        assertTrue(run.out().contains("rings created from now on are traced, and late, r0 (ctx named by the io_uring_register"),
                run.out());
        assertTrue(run.out().matches("(?s).*cqe user_data=9 res=0 .*\n    kernel \\+0us +submit_req .*"), run.out());
        JournalReader.Contents contents = JournalReader.read(journal);
        List<JournalReader.Line> submitted = kernel(contents, "submit_req");
        assertEquals(List.of(9L), userData(submitted));
        assertEquals("r0", submitted.getFirst().json().path("ring").asText());
        List<JournalReader.Line> registers = kernel(contents, "register");
        assertEquals(List.of("late", "r0"), registers.stream().map(l -> l.json().path("ring").asText()).toList(),
                "each ring's PROBE, attributed to its own ring");
        assertTrue(contents.lines().stream().anyMatch(l -> l.type().equals("note")
                && l.json().path("text").asText().startsWith("trace on: ring r0 existed before tracing: IORING_REGISTER_PROBE on its fd")));
    }

    /** With --json, the kernel's events are JSON objects too, in time order: submit_req, complete, then the console's cqe. */
    @Test
    void jsonOutputCarriesTheKernelEventsInTimeOrder() throws IOException {
        Path script = Files.writeString(dir.resolve("json.iou"), """
                ring create entries=8
                sqe nop user_data=7
                submit wait=1 --json
                """);
        Outcome run = main("run", "--trace", dir.resolve("json.jsonl").toString(), script.toString());
        assertEquals(0, run.code(), run.out());
        List<String> lines = run.out().lines().toList();
        int submitted = -1;
        int completed = -1;
        int cqe = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("{")) {
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            String type = json.path("type").asText();
            if (type.equals("kernel_event") && json.path("fields").path("user_data").asText().equals("0x7")) {
                assertEquals("r0", json.path("ring").asText(), line);
                switch (json.path("name").asText()) {
                    case "submit_req" -> submitted = i;
                    case "complete" -> completed = i;
                    default -> { }
                }
            } else if (type.equals("cqe")) {
                cqe = i;
            }
        }
        assertTrue(submitted >= 0 && submitted < completed && completed < cqe,
                "submit_req " + submitted + ", complete " + completed + ", cqe " + cqe + ":\n" + run.out());
        assertFalse(run.out().contains("    kernel "), "no text lines of kernel events in --json output: " + run.out());
    }

    /** The kernel's events say why: a broken link, a request refused at prep (req_failed), one punted to io-wq. */
    @Test
    void theConsoleSaysWhyABrokenLinkARefusedSqeAndAnAsyncPunt() throws IOException {
        Path script = Files.writeString(dir.resolve("why.iou"), """
                ring create entries=8
                buf alloc in 16
                pipe p
                sqe read user_data=31 fd=$p.w addr=@in len=5 flags=IO_LINK
                sqe nop user_data=32
                submit wait=2
                expect cqe user_data=31 res=-EBADF
                expect cqe user_data=32 res=-ECANCELED
                sqe nop user_data=41 flags=0x80
                submit wait=1
                expect cqe user_data=41 res=-EINVAL
                sqe nop user_data=51 flags=ASYNC
                submit wait=1
                expect cqe user_data=51 res=0
                """);
        Outcome run = main("run", "--trace", dir.resolve("why.jsonl").toString(), script.toString());
        assertEquals(0, run.code(), run.out());
        assertTrue(run.out().contains("why: the link broke: user_data=31 failed (-9 EBADF), so user_data=32 got -ECANCELED"),
                run.out());
        assertTrue(run.out().contains("why: failed at prep with -EINVAL (req_failed)"), run.out());
        assertTrue(run.out().contains("why: punted to io-wq"), run.out());
        // IOSQE_ASYNC is REQ_F_FORCE_ASYNC in the kernel's request, and io-wq's worker completed it
        assertTrue(run.out().matches("(?s).*submit_req +user_data=0x33 .*\\(REQ_F FORCE_ASYNC\\).*"), run.out());
        assertTrue(run.out().matches("(?s).*complete +user_data=0x33 .*\\[iou-wrk-.*"), run.out());
    }

    private static long at(JournalReader.Contents contents, String type) {
        return contents.lines().stream().filter(l -> l.type().equals(type)).findFirst().orElseThrow().json().path("at").asLong();
    }

    @Test
    void anSqpollRingShowsTheSqpollThreadsSubmitsAndCompletions() throws IOException {
        Path journal = dir.resolve("sqpoll.jsonl");
        Outcome run = main("run", "--trace", journal.toString(), Path.of("..", "examples", "sqpoll.iou").toString());
        assumeTrue(run.code() != 77, "this kernel cannot make SQPOLL rings");
        assertEquals(0, run.code(), run.out());
        JournalReader.Contents contents = JournalReader.read(journal);
        List<JournalReader.Line> submits = kernel(contents, "submit_req");
        assertEquals(List.of(1L, 2L), userData(submits));
        for (JournalReader.Line e : submits) {
            assertTrue(e.json().path("comm").asText().startsWith("iou-sqp-"), e.json().toString());
            assertEquals("1", e.json().path("fields").path("sq_thread").asText(), e.json().toString());
        }
        assertEquals(List.of(1L, 2L), userData(kernel(contents, "complete")).stream().sorted().toList());
        // task_work_run count=0 is filtered in the instance
        assertTrue(kernel(contents, "task_work_run").stream()
                .noneMatch(e -> e.json().path("fields").path("count").asText().equals("0")));
    }

    @Test
    void traceOnAndOffInAScriptMakeAndRemoveTheInstanceAndSelectEvents() throws IOException {
        Path script = Files.writeString(dir.resolve("onoff.iou"), """
                trace on events=submit_req,complete
                ring create entries=4
                sqe nop user_data=9
                submit wait=1
                trace off
                sqe nop user_data=10
                submit wait=1
                """);
        Path journal = dir.resolve("onoff.jsonl");
        Outcome run = main("run", "--journal", journal.toString(), script.toString());
        assertEquals(0, run.code(), run.out());
        assertTrue(run.out().contains("kernel tracing on: "), run.out());
        assertTrue(run.out().contains("kernel tracing off: "), run.out());
        JournalReader.Contents contents = JournalReader.read(journal);
        assertEquals(List.of(9L), userData(kernel(contents, "submit_req")));
        assertEquals(List.of(), kernel(contents, "file_get"));
        Outcome bad = main("run", "--no-journal", Files.writeString(dir.resolve("bad.iou"), "trace on events=nonsense\n").toString());
        assertEquals(2, bad.code(), bad.out());
        assertTrue(bad.out().contains("no io_uring event 'nonsense'"), bad.out());
    }

    /** The console with --trace: journal file, kernel events under the CQE, the instance gone after Ctrl-D. */
    @Test
    void theReplWithTraceJournalsAndShowsTheKernelsEvents() throws IOException {
        Path journal = dir.resolve("repl.jsonl");
        java.io.ByteArrayOutputStream screen = new java.io.ByteArrayOutputStream();
        byte[] keys = "ring create\nsqe nop user_data=77\nsubmit wait=1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (org.jline.terminal.Terminal terminal = new org.jline.terminal.impl.DumbTerminal("test", "dumb",
                new java.io.ByteArrayInputStream(keys), screen, java.nio.charset.StandardCharsets.UTF_8);
             dev.ringside.tracer.journal.JournalFile sink = dev.ringside.tracer.journal.JournalFile.open(journal, line -> { })) {
            assertEquals(0, dev.ringside.shell.repl.Repl.run(terminal, dir.resolve("history"), java.util.Optional.of(sink), true));
        }
        String out = screen.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(out.contains("journal: " + journal), out);
        assertTrue(out.contains("kernel tracing on: "), out);
        assertTrue(out.matches("(?s).*cqe user_data=77 res=0 flags=0.*\n    kernel \\+0us +submit_req +user_data=0x4d .*"), out);
        assertEquals(List.of(77L), userData(kernel(JournalReader.read(journal), "complete")));
    }

    /** The NODROP example: the kernel's cqe_overflow names exactly the CQEs that did not fit, and the console says so. */
    @Test
    void theKernelSaysWhichCqesOverflowedTheCq() throws IOException {
        Path journal = dir.resolve("overflow.jsonl");
        Outcome run = main("run", "--trace", journal.toString(), Path.of("..", "examples", "cq-overflow-nodrop.iou").toString());
        assumeTrue(run.code() != 77, "no NODROP or MSG_RING here");
        assertEquals(0, run.code(), run.out());
        JournalReader.Contents contents = JournalReader.read(journal);
        // a CQ ring of 2 entries: 101 and 102 fit, 103..108 overflowed
        assertEquals(List.of(103L, 104L, 105L, 106L, 107L, 108L), userData(kernel(contents, "cqe_overflow")));
        for (JournalReader.Line e : kernel(contents, "cqe_overflow")) {
            assertEquals("small", e.json().path("ring").asText());
        }
        assertEquals(6, run.out().lines().filter(l -> l.equals("    why: overflowed the CQ (NODROP) and was delivered later")).count(),
                run.out());
    }

    /** A trace buffer too small for one submit of 256 NOPs: the events the kernel overwrote are counted in the journal. */
    @Test
    void eventsTheBufferOverwroteAreReportedAsLost() throws IOException {
        Path script = Files.writeString(dir.resolve("lost.iou"), """
                trace on events=submit_req,complete buffer_kb=4
                ring create entries=256
                repeat 256 {
                sqe nop user_data=1
                }
                submit wait=256
                """);
        Path journal = dir.resolve("lost.jsonl");
        Outcome run = main("run", "--journal", journal.toString(), script.toString());
        assertEquals(0, run.code(), run.out());
        JournalReader.Contents contents = JournalReader.read(journal);
        long lost = contents.lines().stream().filter(l -> l.type().equals("kernel_events_lost"))
                .mapToLong(l -> l.json().path("overrun").asLong()).sum();
        long read = kernel(contents, "submit_req").size() + kernel(contents, "complete").size();
        assertTrue(lost > 0, "no overrun reported, " + read + " events read");
        // 256 submit_req and 256 complete were emitted (and the create): each was read or counted lost
        assertTrue(read + lost >= 512, read + " read + " + lost + " lost");
        assertTrue(read < 512, read + " read: the buffer did not overflow");
    }

    @Test
    void aStaleInstanceOfADeadConsoleIsRemovedAtTheNextStart() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path stale = Tracefs.MOUNT_POINT.resolve("instances").resolve(Tracefs.INSTANCE_PREFIX + dead.pid());
        assumeTrue(ProcessHandle.of(dead.pid()).isEmpty());
        Files.createDirectory(stale);
        try {
            Outcome run = main("run", "--trace", dir.resolve("j.jsonl").toString(),
                    Files.writeString(dir.resolve("t.iou"), "ring create\n").toString());
            assertEquals(0, run.code(), run.out());
            assertFalse(Files.exists(stale), run.out());
            assertTrue(run.out().contains("removed tracefs instances of consoles no longer running: "
                    + stale.getFileName()), run.out());
        } finally {
            Files.deleteIfExists(stale);
        }
    }

    /** kill -9 leaves the instance (no hook runs); the next console that traces removes it, and the journal still reads. */
    @Test
    void anInstanceLeftByKillMinus9IsRemovedByTheNextStart() throws Exception {
        Path script = Files.writeString(dir.resolve("loop.iou"),
                "ring create entries=8\nrepeat 100000 {\nsqe nop user_data=5\nsubmit wait=1\n}\n");
        Path journal = dir.resolve("killed.jsonl");
        Process console = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--trace", journal.toString(), script.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.out").toFile()).start();
        Path instance = Tracefs.MOUNT_POINT.resolve("instances").resolve(Tracefs.INSTANCE_PREFIX + console.pid());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(journal.toFile().exists() ? journal : dir.resolve("console.out")).contains("\"name\":\"complete\"")
                    && console.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(instance), Files.readString(dir.resolve("console.out")));
            console.destroyForcibly();
            assertTrue(console.waitFor(10, TimeUnit.SECONDS));
            assertTrue(Files.exists(instance), "SIGKILL runs no hook: the instance is still there");

            Outcome next = main("run", "--trace", dir.resolve("next.jsonl").toString(),
                    Files.writeString(dir.resolve("t.iou"), "ring create\n").toString());
            assertEquals(0, next.code(), next.out());
            assertFalse(Files.exists(instance), next.out());

            JournalReader.Contents contents = JournalReader.read(journal);
            assertTrue(contents.problems().isEmpty(), contents.problems().toString());
            assertTrue(kernel(contents, "submit_req").size() > 0);
            Outcome show = main("trace", "show", journal.toString(), "kernel", "name=complete");
            assertTrue(show.out().contains("kernel complete"), show.out());
        } finally {
            console.destroyForcibly();
            console.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(instance);
        }
    }

    /** SIGTERM, or Ctrl-C (SIGINT) of a run, to a console tracing in a loop: the shutdown hook removes its instance. */
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aConsoleEndedByASignalRemovesItsInstance(String signal) throws Exception {
        Path script = Files.writeString(dir.resolve("loop.iou"),
                "ring create entries=8\nrepeat 100000 {\nsqe nop user_data=5\nsubmit wait=1\n}\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--trace", dir.resolve("term.jsonl").toString(), script.toString()));
        Process console = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.out").toFile()).start();
        Path instance = Tracefs.MOUNT_POINT.resolve("instances").resolve(Tracefs.INSTANCE_PREFIX + console.pid());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(instance) && console.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(instance), Files.readString(dir.resolve("console.out")));
            Thread.sleep(300);
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(console.pid())).start().waitFor());
            assertTrue(console.waitFor(20, TimeUnit.SECONDS), "still running 20 s after SIG" + signal + ": "
                    + Files.readString(dir.resolve("console.out")).lines().skip(Math.max(0,
                    Files.readString(dir.resolve("console.out")).lines().count() - 8)).toList());
            assertFalse(Files.exists(instance), "instance left behind after SIG" + signal + ": "
                    + Files.readString(dir.resolve("console.out")));
        } finally {
            console.destroyForcibly();
            console.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(instance);
        }
    }
}
