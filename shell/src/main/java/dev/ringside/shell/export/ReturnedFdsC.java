package dev.ringside.shell.export;

import dev.ringside.shell.session.ReturnedFds;
import dev.ringside.tracer.journal.Event;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fds the kernel returned in a CQE's res (an OPENAT's, an ACCEPT's) as the C program gets them: its own
 * open returns its own number, so an SQE field holding the console's number (fd=$open.res) is written as
 * {@code result_of(ring, user_data, k)}, the res of the k-th completion with that user_data the program reaped.
 */
final class ReturnedFdsC {
    private record Key(String ring, long userData) {
    }

    /** The latest SQE queued with each user_data, by ring: what its completions answer. */
    private final Map<Key, Event.SqeQueued> queued = new HashMap<>();
    /** Completions reaped so far per user_data, by ring. */
    private final Map<Key, Integer> reaped = new HashMap<>();
    /** The console's fd number -> the C expression of the fd the program got in its place. */
    private final Map<Integer, String> fds = new HashMap<>();

    void queued(Event.SqeQueued q) {
        queued.put(new Key(q.ring(), q.userData()), q);
    }

    void reaped(Event.CqeReaped cqe, Function<String, String> ring) {
        Key key = new Key(cqe.ring(), cqe.userData());
        int k = reaped.merge(key, 1, Integer::sum) - 1;
        Event.SqeQueued q = queued.get(key);
        if (q == null || cqe.res() < 0) {
            return;
        }
        ReturnedFds.closes(q.opcode(), q.bytes()).ifPresent(fd -> {
            if (cqe.res() == 0) {
                fds.remove(fd);
            }
        });
        if (ReturnedFds.opens(q.opcode(), q.bytes())) {
            fds.put(cqe.res(), "result_of(" + ring.apply(cqe.ring()) + ", " + Long.toUnsignedString(cqe.userData()) + "ULL, " + k + ")");
        }
    }

    /** The C for an fd field holding this number, when the kernel returned it to the console. */
    Optional<String> fd(long bits) {
        return Optional.ofNullable(fds.get((int) bits));
    }
}
