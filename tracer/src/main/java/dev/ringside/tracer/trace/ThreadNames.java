package dev.ringside.tracer.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The names of this process's threads, for kernel events. trace_pipe prints a name from the kernel's
 * saved_cmdlines cache, which can be stale: an SQPOLL thread or io-wq worker starts as a copy of the
 * thread that made it ("java") and renames itself (iou-sqp-PID, iou-wrk-PID), and the cache only learns
 * the new name at a later context switch; or it prints {@code <...>} once the cache lost the thread.
 * /proc/self/task/TID/comm is the thread's name now, read once per thread while it lives.
 */
final class ThreadNames {
    /** This process's threads, one directory each, named by tid. */
    private static final Path TASKS = Path.of("/proc/self/task");
    private final Map<Integer, String> known = new HashMap<>();

    /** Whether thread {@code tid} is one of this process's now (asked anew each time: threads come and go). */
    static boolean ours(int tid) {
        return Files.exists(TASKS.resolve(Integer.toString(tid)));
    }

    /** The name of thread {@code tid} of this process, or {@code printed} when it is not (or no longer) one of ours. */
    String name(String printed, int tid) {
        String name = known.get(tid);
        if (name != null) {
            return name;
        }
        try {
            name = Files.readString(TASKS.resolve(Integer.toString(tid)).resolve("comm")).strip();
        } catch (IOException | RuntimeException e) {
            return printed; // another process's thread, or ours gone before its events were read
        }
        // threads name themselves as they start, before they do any io_uring work, so one read is enough
        known.put(tid, name);
        return name;
    }
}
