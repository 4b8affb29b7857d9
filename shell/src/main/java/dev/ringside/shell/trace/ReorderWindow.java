package dev.ringside.shell.trace;

import java.util.Arrays;

/**
 * Held values by (time, order, place), the earliest taken first: a journal's reorder window of 64 Ki lines.
 * Most values come in order (a journal is written as things happen; only the kernel's events come a tick late),
 * so those that come no earlier than the last one held wait in a first-in first-out ring, taken in O(1); the late
 * ones go into a binary min-heap. Keys sit in primitive arrays: comparing the values' own objects would miss the cache.
 */
final class ReorderWindow<T> {
    /** Values in order of arrival, each no earlier than the one before: sorted. */
    private long[] runTimes = new long[16];
    private long[] runOrders = new long[16];
    private int[] runPlaces = new int[16];
    private Object[] runValues = new Object[16];
    private int runHead;
    private int runSize;
    /** Values that came earlier than the ring's last: a heap. */
    private long[] lateTimes = new long[16];
    private long[] lateOrders = new long[16];
    private int[] latePlaces = new int[16];
    private Object[] lateValues = new Object[16];
    private int lateSize;

    int size() {
        return runSize + lateSize;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    void add(long time, int number, T value) {
        add(time, number, 0, value);
    }

    /** Whether a value of this key would wait among the late ones: it sorts before the last one that came in order. */
    boolean late(long time, long order, int place) {
        if (runSize == 0) {
            return false;
        }
        int tail = (runHead + runSize - 1) & (runTimes.length - 1);
        return before(time, order, place, runTimes[tail], runOrders[tail], runPlaces[tail]);
    }

    void add(long time, long order, int place, T value) {
        if (late(time, order, place)) {
            addLate(time, order, place, value);
            return;
        }
        if (runSize == runTimes.length) {
            growRun();
        }
        int at = (runHead + runSize++) & (runTimes.length - 1);
        runTimes[at] = time;
        runOrders[at] = order;
        runPlaces[at] = place;
        runValues[at] = value;
    }

    /** The earliest held value, removed. */
    @SuppressWarnings("unchecked")
    T poll() {
        if (lateSize == 0 || runSize > 0 && !before(lateTimes[0], lateOrders[0], latePlaces[0],
                runTimes[runHead], runOrders[runHead], runPlaces[runHead])) {
            Object first = runValues[runHead];
            runValues[runHead] = null;
            runHead = (runHead + 1) & (runTimes.length - 1);
            runSize--;
            return (T) first;
        }
        return (T) pollLate();
    }

    private void growRun() {
        int n = runTimes.length;
        long[] times = new long[n * 2];
        long[] orders = new long[n * 2];
        int[] places = new int[n * 2];
        Object[] values = new Object[n * 2];
        for (int i = 0; i < runSize; i++) {
            int from = (runHead + i) & (n - 1);
            times[i] = runTimes[from];
            orders[i] = runOrders[from];
            places[i] = runPlaces[from];
            values[i] = runValues[from];
        }
        runTimes = times;
        runOrders = orders;
        runPlaces = places;
        runValues = values;
        runHead = 0;
    }

    private void addLate(long time, long order, int place, Object value) {
        if (lateSize == lateTimes.length) {
            lateTimes = Arrays.copyOf(lateTimes, lateSize * 2);
            lateOrders = Arrays.copyOf(lateOrders, lateSize * 2);
            latePlaces = Arrays.copyOf(latePlaces, lateSize * 2);
            lateValues = Arrays.copyOf(lateValues, lateSize * 2);
        }
        int at = lateSize++;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(time, order, place, lateTimes[parent], lateOrders[parent], latePlaces[parent])) {
                break;
            }
            move(parent, at);
            at = parent;
        }
        set(at, time, order, place, value);
    }

    private Object pollLate() {
        Object first = lateValues[0];
        int last = --lateSize;
        long time = lateTimes[last];
        long order = lateOrders[last];
        int place = latePlaces[last];
        Object value = lateValues[last];
        lateValues[last] = null;
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= lateSize) {
                break;
            }
            if (child + 1 < lateSize && before(lateTimes[child + 1], lateOrders[child + 1], latePlaces[child + 1],
                    lateTimes[child], lateOrders[child], latePlaces[child])) {
                child++;
            }
            if (!before(lateTimes[child], lateOrders[child], latePlaces[child], time, order, place)) {
                break;
            }
            move(child, at);
            at = child;
        }
        if (lateSize > 0) {
            set(at, time, order, place, value);
        }
        return first;
    }

    private static boolean before(long time, long order, int place, long otherTime, long otherOrder, int otherPlace) {
        return time != otherTime ? time < otherTime : order != otherOrder ? order < otherOrder : place < otherPlace;
    }

    private void move(int from, int to) {
        lateTimes[to] = lateTimes[from];
        lateOrders[to] = lateOrders[from];
        latePlaces[to] = latePlaces[from];
        lateValues[to] = lateValues[from];
    }

    private void set(int at, long time, long order, int place, Object value) {
        lateTimes[at] = time;
        lateOrders[at] = order;
        latePlaces[at] = place;
        lateValues[at] = value;
    }
}
