package dev.ringside.shell.session;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SentTimes keeps what the ledger's LinkedHashMap (remove, then put; the eldest let go beyond capacity) kept. */
class SentTimesTest {
    private record Sent(long at, long seq) {
    }

    /** The map SentTimes replaced, as the ledger used it. */
    private static Map<Long, Sent> reference(int capacity) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Sent> eldest) {
                return size() > capacity;
            }
        };
    }

    private static void sameAs(Map<Long, Sent> expected, SentTimes actual, long userData) {
        Sent e = expected.get(userData);
        assertEquals(e != null, actual.contains(userData), "kept " + userData);
        assertEquals(e == null ? -1 : e.at(), actual.at(userData), "at of " + userData);
        assertEquals(e == null ? 0 : e.seq(), actual.seq(userData), "seq of " + userData);
    }

    @Test
    void keepsWhatTheLinkedHashMapKeptUnderResendsAndEvictions() {
        for (int capacity : new int[] {1, 2, 3, 7, 64, 4096}) {
            SplittableRandom random = new SplittableRandom(capacity);
            Map<Long, Sent> expected = reference(capacity);
            SentTimes actual = new SentTimes(capacity);
            // a small key range resends often (dead slots, compaction); a wide one evicts (removed marks, rehash)
            long range = capacity * (random.nextBoolean() ? 2L : 40L) + 1;
            for (int i = 0; i < 60_000; i++) {
                long userData = i % 3 == 0 ? i : random.nextLong(range) - 2; // a run of new ones, as a loop's drafts, and repeats
                long at = random.nextLong(1_000_000);
                long seq = i;
                expected.remove(userData);
                expected.put(userData, new Sent(at, seq));
                actual.sent(userData, at, seq);
                assertEquals(expected.size(), actual.size(), "size after " + i);
                sameAs(expected, actual, userData);
                sameAs(expected, actual, random.nextLong(range) - 2);
            }
            for (long userData = -2; userData < range; userData++) {
                sameAs(expected, actual, userData);
            }
        }
    }

    @Test
    void aLoopOfNewUserDataKeepsTheLatestCapacity() {
        SentTimes sent = new SentTimes(4096);
        for (long userData = 1; userData <= 100_000; userData++) {
            sent.sent(userData, userData * 10, userData);
        }
        assertEquals(4096, sent.size());
        assertEquals(-1, sent.at(100_000 - 4096));
        assertEquals((100_000 - 4095) * 10L, sent.at(100_000 - 4095));
        assertEquals(100_000, sent.seq(100_000));
    }
}
