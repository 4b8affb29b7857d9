package dev.ringside.shell.session;

import java.util.Arrays;

/**
 * Per user_data, the latest submit that sent an SQE with it: when (journal nanos) and how many CQEs the ring had
 * reaped before it. At most {@code capacity} user_data are kept, the least recently sent let go first: what a
 * LinkedHashMap in insertion order gives when each send removes and puts again, without a boxed key, an entry and
 * a record per submitted SQE (a script's loop sends a new user_data every pass).
 */
final class SentTimes {
    private final int capacity;
    /** The entries in the order they were sent, a ring of {@code 2 * capacity} slots from {@link #oldest}; a resent user_data leaves a dead slot behind. */
    private final long[] keys;
    private final long[] ats;
    private final long[] seqs;
    private final boolean[] live;
    private int oldest;
    private int used;
    private int size;
    /** Open addressing: slot + 1 of each live user_data's entry (0: empty, -1: removed), at least four times the live entries. */
    private final int[] table;
    private final int mask;
    /** Buckets not empty (live or removed): the table is made again before it fills, so a search always meets an empty one. */
    private int filled;

    SentTimes(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        int slots = 2 * capacity;
        keys = new long[slots];
        ats = new long[slots];
        seqs = new long[slots];
        live = new boolean[slots];
        table = new int[Integer.highestOneBit(4 * capacity - 1) << 1];
        mask = table.length - 1;
    }

    /** How many user_data are kept. */
    int size() {
        return size;
    }

    /** Whether a send of this user_data is kept. */
    boolean contains(long userData) {
        return find(userData) >= 0;
    }

    /** When the kept send of this user_data was, or -1 (none kept). */
    long at(long userData) {
        int slot = find(userData);
        return slot < 0 ? -1 : ats[slot];
    }

    /** The ring's reap count at the kept send of this user_data, or 0 (none kept). */
    long seq(long userData) {
        int slot = find(userData);
        return slot < 0 ? 0 : seqs[slot];
    }

    /** A send of {@code userData} at {@code at}, after {@code seq} reaps: it is the newest now, and the oldest goes beyond capacity. */
    void sent(long userData, long at, long seq) {
        int bucket = bucketOf(userData);
        if (bucket >= 0) {
            int slot = table[bucket] - 1;
            live[slot] = false; // moves to the newest place, as a remove and put would
            table[bucket] = -1;
            size--;
        }
        if (used == keys.length) {
            compact();
        } else if (filled >= table.length / 2) {
            rehash();
        }
        int slot = (oldest + used) % keys.length;
        keys[slot] = userData;
        ats[slot] = at;
        seqs[slot] = seq;
        live[slot] = true;
        used++;
        size++;
        insert(userData, slot);
        while (size > capacity) {
            dropOldest();
        }
    }

    private void dropOldest() {
        while (!live[oldest]) {
            oldest = (oldest + 1) % keys.length;
            used--;
        }
        int bucket = bucketOf(keys[oldest]);
        table[bucket] = -1;
        live[oldest] = false;
        oldest = (oldest + 1) % keys.length;
        used--;
        size--;
    }

    /** The live entries moved to the front in their order, and the table made again without removed marks. */
    private void compact() {
        int slots = keys.length;
        long[] k = new long[size];
        long[] a = new long[size];
        long[] q = new long[size];
        int n = 0;
        for (int i = 0; i < used; i++) {
            int slot = (oldest + i) % slots;
            if (live[slot]) {
                k[n] = keys[slot];
                a[n] = ats[slot];
                q[n] = seqs[slot];
                n++;
            }
        }
        Arrays.fill(live, false);
        for (int i = 0; i < n; i++) {
            keys[i] = k[i];
            ats[i] = a[i];
            seqs[i] = q[i];
            live[i] = true;
        }
        oldest = 0;
        used = n;
        rehash();
    }

    /** The table made again from the live entries: no removed marks left. */
    private void rehash() {
        Arrays.fill(table, 0);
        filled = 0;
        for (int i = 0; i < used; i++) {
            int slot = (oldest + i) % keys.length;
            if (live[slot]) {
                insert(keys[slot], slot);
            }
        }
    }

    private int find(long userData) {
        int bucket = bucketOf(userData);
        return bucket < 0 ? -1 : table[bucket] - 1;
    }

    /** The table's bucket holding this user_data's entry, or -1. */
    private int bucketOf(long userData) {
        for (int i = hash(userData); ; i = (i + 1) & mask) {
            int entry = table[i];
            if (entry == 0) {
                return -1;
            }
            if (entry > 0 && keys[entry - 1] == userData && live[entry - 1]) {
                return i;
            }
        }
    }

    private void insert(long userData, int slot) {
        int i = hash(userData);
        while (table[i] > 0) {
            i = (i + 1) & mask;
        }
        if (table[i] == 0) {
            filled++;
        }
        table[i] = slot + 1;
    }

    private int hash(long userData) {
        long h = userData * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
