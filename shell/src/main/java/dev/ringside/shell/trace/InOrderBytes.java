package dev.ringside.shell.trace;

/**
 * The texts of the trace events that wait in {@link TraceExport}'s window in the order they came, back to back
 * in one ring of bytes and taken first in first out: the events that come in time order (nearly all) cost
 * no array each, so a million of them make no garbage for the collector to copy.
 */
final class InOrderBytes {
    /** What each text is written to when taken. */
    interface Out {
        void write(byte[] bytes, int from, int length);
    }

    private byte[] bytes = new byte[1 << 20];
    /** Where the oldest text starts, and how many bytes are held. */
    private int head;
    private int used;
    private int[] lengths = new int[1 << 12];
    private int firstLength;
    private int count;

    /** The text in {@code json}, held after the others. */
    void add(JsonBytes json) {
        int length = json.length();
        if (used + length > bytes.length) {
            grow(used + length);
        }
        int at = (head + used) & (bytes.length - 1);
        int before = Math.min(length, bytes.length - at); // up to the ring's end, the rest from its start
        json.copyTo(0, bytes, at, before);
        json.copyTo(before, bytes, 0, length - before);
        used += length;
        if (count == lengths.length) {
            int[] more = new int[count * 2];
            for (int i = 0; i < count; i++) {
                more[i] = lengths[(firstLength + i) & (count - 1)];
            }
            lengths = more;
            firstLength = 0;
        }
        lengths[(firstLength + count++) & (lengths.length - 1)] = length;
    }

    /** The oldest text, removed and written to {@code out}. */
    void take(Out out) {
        int length = lengths[firstLength];
        firstLength = (firstLength + 1) & (lengths.length - 1);
        count--;
        int before = Math.min(length, bytes.length - head);
        out.write(bytes, head, before);
        if (before < length) {
            out.write(bytes, 0, length - before);
        }
        head = (head + length) & (bytes.length - 1);
        used -= length;
    }

    private void grow(int needed) {
        int capacity = bytes.length * 2;
        while (capacity < needed) {
            capacity *= 2;
        }
        byte[] more = new byte[capacity];
        int before = Math.min(used, bytes.length - head);
        System.arraycopy(bytes, head, more, 0, before);
        System.arraycopy(bytes, 0, more, before, used - before);
        bytes = more;
        head = 0;
    }
}
