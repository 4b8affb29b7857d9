package dev.ringside.tracer.journal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A journal's history when it has no journal file ({@code --no-journal}, tests, a file that broke): an
 * unlinked temporary file, so {@code record} and {@code export c} read the whole session back while nothing
 * is left on disk and the heap holds none of it. When the temporary directory cannot be written, the lines
 * stay in memory (the old behaviour: correct, but growing with the session).
 */
final class SpoolFile implements JournalStore {
    private final FileChannel channel;
    private final java.io.ByteArrayOutputStream inMemory;

    private SpoolFile(FileChannel channel, java.io.ByteArrayOutputStream inMemory) {
        this.channel = channel;
        this.inMemory = inMemory;
    }

    static SpoolFile create() {
        try {
            Path file = Files.createTempFile("ringside-journal-", ".jsonl");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Files.delete(file); // anonymous from now on: the fd keeps it, the directory does not
            return new SpoolFile(channel, null);
        } catch (IOException | UnsupportedOperationException e) {
            return new SpoolFile(null, new java.io.ByteArrayOutputStream());
        }
    }

    @Override
    public synchronized boolean append(byte[] lines, int from, int length) {
        if (channel == null) {
            inMemory.write(lines, from, length);
            return true;
        }
        try {
            JournalStore.writeLines(channel, lines, from, length);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized InputStream read() throws IOException {
        if (channel == null) {
            return new ByteArrayInputStream(inMemory.toByteArray());
        }
        return JournalStore.range(channel, 0, channel.position());
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // an unlinked file: nothing is left behind whatever close says
            }
        }
    }
}
