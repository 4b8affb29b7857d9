package dev.ringside.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGINT sent to a real {@code ringside run} (a child JVM, as a shell's Ctrl-C reaches it): the
 * first stops the script's wait and the script, the batch still prints the closing line; a second quits.
 */
class SigintRunTest {
    @TempDir
    Path dir;

    /** The console as a child process, its output read line by line as it comes. */
    static final class Console implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = new ArrayList<>();

        Console(Path dir, String... scripts) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "dev.ringside.shell.Main", "run"));
            command.addAll(List.of(scripts));
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("(read failed: " + e + ")");
                }
            });
        }

        /** Reads lines until one contains {@code text}; fails after 30 s. */
        void awaitLine(String text) throws InterruptedException {
            awaitLine(text, 30);
        }

        /** Reads lines until one contains {@code text}; fails after {@code seconds} (a loaded machine creates rings slowly). */
        void awaitLine(String text, int seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    all.add(line);
                    if (line.contains(text)) {
                        return;
                    }
                }
            }
            throw new AssertionError("no line with '" + text + "' in " + seconds + " s:\n" + String.join("\n", all));
        }

        void sigint() throws Exception {
            // the wait or sleep is entered right after its line printed: give it a moment to block
            Thread.sleep(500);
            sigintNow();
        }

        void sigintNow() throws Exception {
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor());
        }

        /** The exit code and the whole output, once the process ended (within 90 s). */
        int exit() throws InterruptedException {
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "still running after SIGINT:\n" + String.join("\n", all));
            Thread.sleep(200);
            lines.drainTo(all);
            return process.exitValue();
        }

        String output() {
            return String.join("\n", all);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @Test
    void sigintStopsTheWaitAndTheScriptAndTheClosingLineStillPrints() throws Exception {
        Files.writeString(dir.resolve("a.iou"), """
                ring create
                sqe timeout user_data=5 ts=10m
                submit wait=1 timeout=1h
                ring create never
                """);
        Files.writeString(dir.resolve("b.iou"), "ring create\nsqe nop user_data=1\nsubmit wait=1\nexpect cqe user_data=1 res=0\n");
        long start = System.nanoTime();
        try (Console console = new Console(dir, "a.iou", "b.iou")) {
            console.awaitLine("submitted 1 SQE to r0");
            console.sigint();
            int exit = console.exit();
            String out = console.output();
            assertEquals(130, exit, out);
            assertTrue(out.contains("wait interrupted with 0 of 1 completions"), out);
            assertTrue(out.contains("a.iou:3: interrupted (Ctrl-C)"), out);
            assertTrue(out.contains("a.iou: INTERRUPTED (interrupted at a.iou:3, 0 expectations met, 0 failed)"), out);
            assertFalse(out.contains("ring never"), out);
            assertTrue(out.contains("b.iou: passed (1 expectations met, 0 failed)"), out);
            assertTrue(out.endsWith("1 passed, 1 failed (1 interrupted), 0 errors, 0 skipped"), out);
            assertFalse(out.contains("Exception") || out.contains("\tat "), out);
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60), "took too long");
    }

    @Test
    void aSleepStopsTooAndASecondSigintQuits() throws Exception {
        Files.writeString(dir.resolve("a.iou"), "ring create first\nsleep 50s\n");
        Files.writeString(dir.resolve("b.iou"), "ring create second\nsleep 50s\n");
        try (Console console = new Console(dir, "a.iou", "b.iou")) {
            console.awaitLine("ring first:");
            console.sigint();
            console.awaitLine("a.iou: INTERRUPTED (interrupted at a.iou:2");
            console.awaitLine("ring second:");
            console.sigint();
            int exit = console.exit();
            String out = console.output();
            assertEquals(130, exit, out);
            assertTrue(out.endsWith("ringside: interrupted again: quitting"), out);
        }
    }

    @Test
    void aSigintBetweenScriptsStopsTheNextScript() throws Exception {
        // closing 400 rings keeps the run between a.iou's verdict and b.iou's first line for about half a second
        Files.writeString(dir.resolve("a.iou"), "repeat 400 i {\nring create r$i entries=256\n}\n");
        Files.writeString(dir.resolve("b.iou"), "ring create\nrepeat 40 {\nsqe nop user_data=1\nsubmit wait=1\n}\n");
        Files.writeString(dir.resolve("c.iou"), "ring create\nsqe nop user_data=1\nsubmit wait=1\nexpect cqe user_data=1 res=0\n");
        try (Console console = new Console(dir, "a.iou", "b.iou", "c.iou")) {
            console.awaitLine("a.iou: passed", 150);
            console.sigintNow();
            int exit = console.exit();
            String out = console.output();
            assertEquals(130, exit, out);
            assertTrue(out.contains("b.iou: INTERRUPTED (interrupted at b.iou:"), out);
            assertTrue(out.contains("c.iou: passed (1 expectations met, 0 failed)"), out);
            assertTrue(out.endsWith("2 passed, 1 failed (1 interrupted), 0 errors, 0 skipped"), out);
        }
    }

    @Test
    void aSigintAfterTheLastScriptStillEndsTheRunWith130() throws Exception {
        Files.writeString(dir.resolve("a.iou"), "repeat 400 i {\nring create r$i entries=256\n}\n");
        try (Console console = new Console(dir, "a.iou")) {
            console.awaitLine("a.iou: passed", 150);
            console.sigintNow();
            int exit = console.exit();
            String out = console.output();
            assertEquals(130, exit, out);
            assertTrue(out.endsWith("ringside: interrupted (Ctrl-C) after the last script\n1 passed, 0 failed, 0 errors, 0 skipped"), out);
        }
    }
}
