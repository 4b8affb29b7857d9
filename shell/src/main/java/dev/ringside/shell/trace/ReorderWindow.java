package dev.ringside.shell.trace;

import java.util.Arrays;

/**
 * A binary min-heap of held lines by (time, line number) whose keys sit in primitive arrays: a journal's
 * reorder window of 64 Ki lines is compared a dozen times per line, and comparing the lines' own objects
 * would miss the cache at each step.
 */
final class ReorderWindow<T> {
    private long[] times = new long[16];
    private int[] numbers = new int[16];
    private Object[] values = new Object[16];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(long time, int number, T value) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            numbers = Arrays.copyOf(numbers, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        int at = size++;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(time, number, times[parent], numbers[parent])) {
                break;
            }
            move(parent, at);
            at = parent;
        }
        set(at, time, number, value);
    }

    /** The earliest held value, removed. */
    @SuppressWarnings("unchecked")
    T poll() {
        T first = (T) values[0];
        int last = --size;
        long time = times[last];
        int number = numbers[last];
        Object value = values[last];
        values[last] = null;
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(times[child + 1], numbers[child + 1], times[child], numbers[child])) {
                child++;
            }
            if (!before(times[child], numbers[child], time, number)) {
                break;
            }
            move(child, at);
            at = child;
        }
        if (size > 0) {
            set(at, time, number, value);
        }
        return first;
    }

    private static boolean before(long time, int number, long otherTime, int otherNumber) {
        return time < otherTime || time == otherTime && number < otherNumber;
    }

    private void move(int from, int to) {
        times[to] = times[from];
        numbers[to] = numbers[from];
        values[to] = values[from];
    }

    private void set(int at, long time, int number, Object value) {
        times[at] = time;
        numbers[at] = number;
        values[at] = value;
    }
}
