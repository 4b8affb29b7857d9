package dev.ringside.tracer.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where a {@link Journal} keeps its whole history, one JSON line per event, so that memory holds only a
 * window: the session's journal file ({@link JournalFile#attach}) or an anonymous spool ({@link SpoolFile}).
 */
interface JournalStore extends AutoCloseable {
    /** Appends whole lines, each with its newline; false when the store can no longer be written. */
    boolean append(byte[] lines, int from, int length);

    /** Everything appended so far, from this store's first line: read back by positional reads, streaming. */
    InputStream read() throws IOException;

    @Override
    void close();

    /** Lines appended by write(2) on the channel's fd (one for the whole buffer), looping until the kernel took it all. */
    static void writeLines(FileChannel channel, byte[] lines, int from, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(lines, from, length);
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** {@code [from, to)} of a file, read with pread(2): the channel's own position (its writes) is untouched. */
    static InputStream range(FileChannel channel, long from, long to) {
        return new InputStream() {
            private long position = from;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                if (position >= to) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(into, offset, (int) Math.min(length, to - position)), position);
                if (n > 0) {
                    position += n;
                }
                return n;
            }
        };
    }
}
