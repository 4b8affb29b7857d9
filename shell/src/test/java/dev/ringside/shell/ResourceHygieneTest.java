package dev.ringside.shell;

import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long sessions leak no fd and no mapping (issue 12): 1,000 rings created with registered buffers,
 * files, a provided-buffer ring, an eventfd, the ring's own fd, a memory region and a personality, used and closed, then 10,000 buffer and pipe cycles, all through
 * the REPL's dispatcher in one session; /proc/self/fd and /proc/self/maps are compared before and
 * after. The live heap after a full GC must grow by at most {@link #HEAP_BOUND_BYTES}: it still grows
 * per operation while the journal keeps every event in memory, which the figures show (docs/reliability.md).
 */
class ResourceHygieneTest {
    static final int RING_CYCLES = 1_000;
    static final int FD_AND_BUFFER_CYCLES = 10_000;
    /** 32 MiB over the 21,000 cycles (about 1.5 KiB each): what the in-memory journal holds today, with room for noise. */
    static final long HEAP_BOUND_BYTES = 32L * 1024 * 1024;

    /** The console's output, only counted: a cycle whose command failed does not release what it should. */
    static final class ErrorLines extends Writer {
        final StringBuilder line = new StringBuilder();
        int count;
        String first;

        @Override
        public void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (buf[i] != '\n') {
                    line.append(buf[i]);
                    continue;
                }
                if (line.indexOf("error") >= 0) {
                    count++;
                    first = first == null ? line.toString() : first;
                }
                line.setLength(0);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Open fds, without journal spools: other tests' unclosed journals let go of theirs whenever the GC runs. */
    static long fds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> !target(fd).contains("ringside-journal-")).count();
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return ""; // closed meanwhile (the listing's own fd)
        }
    }

    /** The mappings, without the heap's own and the JIT's, which the JVM grows and shrinks by itself. */
    static List<String> maps() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.contains("io_uring") || l.contains("anon_inode"))
                .toList();
    }

    static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void run(Dispatcher dispatcher, String line) {
        dispatcher.run(line);
    }

    @Test
    void ringsBuffersAndFdsComeBackToWhereTheyStarted() throws IOException {
        ErrorLines errors = new ErrorLines();
        try (Session session = new Session(new PrintWriter(errors, true), Style.detect(false, null))) {
            Dispatcher dispatcher = new Dispatcher(session);
            // one warm-up round, so classes and lazily opened files are there before the count
            cycle(dispatcher, 0);
            long fdsBefore = fds();
            List<String> mapsBefore = maps();
            long heapBefore = liveHeap();
            int eventsBefore = session.journal().events().size();
            long start = System.nanoTime();
            for (int i = 1; i <= RING_CYCLES; i++) {
                cycle(dispatcher, i);
            }
            long ringSeconds = (System.nanoTime() - start) / 1_000_000_000L;
            for (int i = 0; i < FD_AND_BUFFER_CYCLES; i++) {
                run(dispatcher, "buf alloc b" + i + " 64");
                run(dispatcher, "buf free b" + i);
                run(dispatcher, "pipe p" + i);
                run(dispatcher, "close p" + i);
            }
            long heapAfter = liveHeap();
            int events = session.journal().events().size() - eventsBefore;
            long fdsAfter = fds();
            List<String> mapsAfter = maps();
            String figures = String.format("resource hygiene: %d ring cycles (buffers, files, pbuf ring, eventfd, ring fd, mem region, personality registered; a NOP each) in %d s,"
                    + " %d buffer and %d pipe cycles: fds %d -> %d, io_uring mappings %d -> %d, live heap %+d KiB (%.2f KiB per cycle; bound %d MiB; the journal holds %d more events)",
                    RING_CYCLES, ringSeconds, FD_AND_BUFFER_CYCLES, FD_AND_BUFFER_CYCLES, fdsBefore, fdsAfter, mapsBefore.size(),
                    mapsAfter.size(), (heapAfter - heapBefore) / 1024,
                    (heapAfter - heapBefore) / 1024.0 / (RING_CYCLES + 2 * FD_AND_BUFFER_CYCLES), HEAP_BOUND_BYTES / (1024 * 1024), events);
            System.out.println(figures);
            Path report = Path.of("target", "reliability");
            Files.createDirectories(report);
            Files.writeString(report.resolve("hygiene.txt"), figures + "\n");
            assertEquals(fdsBefore, fdsAfter, figures);
            assertEquals(mapsBefore, mapsAfter, figures);
            assertTrue(heapAfter - heapBefore <= HEAP_BOUND_BYTES, figures);
            assertEquals(0, errors.count, "a cycle's command failed, first: " + errors.first);
            assertEquals(List.of(), dev.ringside.shell.command.proc.ProcsCommandsTest.zombiesOfThisProcess(), "zombie children");
        }
    }

    /** A ring with its registrations, one NOP through it, then everything released again. */
    static void cycle(Dispatcher dispatcher, int i) {
        String ring = "c" + i;
        run(dispatcher, "ring create " + ring + " entries=4");
        run(dispatcher, "buf alloc in" + i + " 64");
        run(dispatcher, "pipe q" + i);
        run(dispatcher, "register buffers in" + i);
        run(dispatcher, "register files $q" + i + ".r $q" + i + ".w");
        run(dispatcher, "register pbuf_ring group=1 entries=4 size=32");
        run(dispatcher, "eventfd e" + i);
        run(dispatcher, "register eventfd $e" + i + ".fd");
        run(dispatcher, "register ring_fds");
        run(dispatcher, "register mem_region size=4096");
        run(dispatcher, "register personality");
        run(dispatcher, "sqe nop user_data=1");
        run(dispatcher, "submit wait=1");
        run(dispatcher, "ring close " + ring);
        run(dispatcher, "close q" + i);
        run(dispatcher, "close e" + i);
        run(dispatcher, "buf free in" + i);
        // a child and its pidfd: reaped and closed again (no zombie, no fd)
        run(dispatcher, "spawn k" + i + " /bin/true");
        run(dispatcher, "close k" + i);
    }
}
