package dev.ringside.tracer.trace;

import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.RingConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** trace_pipe's printed name is a cache; a thread of ours is named by what the kernel calls it now. */
class ThreadNamesTest {
    @Test
    void anSqpollThreadPrintedWithItsCreatorsStaleNameIsNamedAsTheKernelNamedIt() throws Exception {
        try (Ring ring = Ring.create(new RingConfig(8, SetupFlag.SQPOLL.value(), 0, 0, 1000, 0))) {
            int tid = sqThread().orElseThrow(() -> new AssertionError("no iou-sqp-* thread in /proc/self/task"));
            ThreadNames names = new ThreadNames();
            // io_sq_thread names itself "iou-sqp-" + sqd->task_pid, the tid of the thread that set the ring up (io_uring/sqpoll.c)
            String kernels = "iou-sqp-" + Path.of("/proc/thread-self").toRealPath().getFileName();
            assertEquals(kernels, names.name("java", tid), "the cache's stale name was kept");
            assertEquals(kernels, names.name("<...>", tid));
        }
    }

    @Test
    void aThreadOfAnotherProcessKeepsItsPrintedName() {
        assertEquals("kworker/0:1", new ThreadNames().name("kworker/0:1", 2));
        assertFalse(ThreadNames.ours(2), "tid 2 is the kernel's kthreadd, no thread of ours");
    }

    @Test
    void theCallingThreadIsOurs() throws IOException {
        assertTrue(ThreadNames.ours(Integer.parseInt(Path.of("/proc/thread-self").toRealPath().getFileName().toString())));
    }

    /** The ring's SQPOLL thread, once it has started and named itself (bounded: 2 s). */
    private static Optional<Integer> sqThread() throws IOException, InterruptedException {
        for (int tries = 0; tries < 200; tries++) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                Optional<Integer> sq = tasks.filter(t -> comm(t).startsWith("iou-sqp-"))
                        .map(t -> Integer.parseInt(t.getFileName().toString())).findFirst();
                if (sq.isPresent()) {
                    return sq;
                }
            }
            Thread.sleep(10);
        }
        return Optional.empty();
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return ""; // the thread ended while listed
        }
    }
}
