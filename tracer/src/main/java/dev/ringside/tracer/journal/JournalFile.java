package dev.ringside.tracer.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A journal on disk: one JSON line per event, written by the {@link Journal} at its flush points (before a
 * blocking wait, after each console line, at most every {@link JournalFlusher#INTERVAL_MILLIS} ms), each
 * flush one write(2) of whole lines, so a SIGKILL, an OOM or a hung kernel leaves every event up to the last
 * flush in the file (the page cache has it; no fsync, a power cut may lose the tail; docs/reliability.md).
 * A write that fails prints one warning and the session goes on without the file.
 */
public final class JournalFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final Consumer<String> warn;
    private boolean broken;
    /** The journals writing here: their buffered lines are written before the file closes. */
    private final java.util.List<Journal> attached = new java.util.concurrent.CopyOnWriteArrayList<>();

    private JournalFile(Path path, FileChannel channel, Consumer<String> warn) {
        this.path = path;
        this.channel = channel;
        this.warn = warn;
    }

    /**
     * Creates (or appends to) {@code path}, its directories too, and writes the schema line.
     *
     * @throws IOException when the location is not writable; the caller says so in one line
     */
    public static JournalFile open(Path path, Consumer<String> warn) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        JournalFile file = new JournalFile(path, channel, warn);
        file.writeLine(headerLine(ProcessHandle.current().pid(), Instant.now()));
        return file;
    }

    // the header and session lines are written by hand, as Jackson writes them (JournalFileLinesTest), as every
    // event's line is (JsonLine): writing a journal makes no ObjectMapper

    /** {@code {"type":"journal","schema":1,"pid":P,"started":"INSTANT"}}: the first line of a file. */
    static String headerLine(long pid, Instant started) {
        return "{\"type\":" + LineBuffer.quoted(JournalJson.HEADER_TYPE) + ",\"schema\":" + JournalJson.SCHEMA_VERSION
                + ",\"pid\":" + pid + ",\"started\":" + LineBuffer.quoted(started.toString()) + "}";
    }

    /** {@code {"type":"session","label":"LABEL","monotonic_start_ns":N}}: a session's first line. */
    static String sessionLine(String label, long monotonicStart) {
        return "{\"type\":" + LineBuffer.quoted(JournalJson.SESSION_TYPE) + ",\"label\":" + LineBuffer.quoted(label)
                + ",\"monotonic_start_ns\":" + monotonicStart + "}";
    }

    public Path path() {
        return path;
    }

    /**
     * Writes this journal's events from now on, after a {@code session} line that names it and gives its
     * start on CLOCK_MONOTONIC (events' {@code at} count from there; kernel trace timestamps use the same clock).
     * The file is then the journal's history: {@code record} and {@code export c} read the session back from it.
     */
    public void attach(Journal journal, String label) {
        String session = sessionLine(label, journal.startNanos());
        long start;
        FileChannel reader = null;
        synchronized (this) {
            writeLine(session);
            try {
                start = channel.size();
                reader = FileChannel.open(path, StandardOpenOption.READ);
            } catch (IOException e) {
                start = -1;
            }
        }
        if (reader == null) {
            journal.listen(this::write); // the file cannot be read back: it is written, the journal keeps its own spool
            return;
        }
        journal.attach(new Segment(reader, start));
        attached.add(journal);
    }

    /** This file from one session's first event on, as that session's history. */
    private final class Segment implements JournalStore {
        private final FileChannel reader;
        private final long start;

        Segment(FileChannel reader, long start) {
            this.reader = reader;
            this.start = start;
        }

        @Override
        public boolean append(byte[] lines, int from, int length) {
            return writeLines(lines, from, length);
        }

        @Override
        public java.io.InputStream read() throws IOException {
            return JournalStore.range(reader, start, reader.size());
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                // a read-only descriptor: nothing was lost
            }
        }
    }

    public void write(Event event) {
        writeLine(JsonLine.of(event));
    }

    private boolean writeLine(String line) {
        byte[] bytes = (line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return writeLines(bytes, 0, bytes.length);
    }

    private synchronized boolean writeLines(byte[] lines, int from, int length) {
        if (broken) {
            return false;
        }
        try {
            JournalStore.writeLines(channel, lines, from, length);
            return true;
        } catch (IOException e) {
            broken = true;
            warn.accept("ringside: journal " + path + " no longer written: " + e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        attached.forEach(Journal::flush); // outside this file's lock: a flush takes the journal's, then this one
        synchronized (this) {
            closeChannel();
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            warn.accept("ringside: journal " + path + " not closed cleanly: " + e.getMessage());
        }
    }
}
