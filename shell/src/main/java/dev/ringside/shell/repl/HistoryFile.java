package dev.ringside.shell.repl;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The history file, only when it can be written: JLine otherwise logs a warning with an 18-line
 * stack trace on every line typed (a user whose home is not writable, such as nobody). Without it
 * the console says so once and goes on without history.
 */
final class HistoryFile {
    private HistoryFile() {
    }

    /** Held so the logger (and the handler on it) is not collected and reset. */
    private static final Logger JLINE = Logger.getLogger("org.jline");

    /** Why {@code file} cannot hold the history, or empty when it can. */
    static Optional<String> problem(Path file) {
        Path absolute = file.toAbsolutePath();
        if (Files.exists(absolute)) {
            if (!Files.isRegularFile(absolute)) {
                return Optional.of(absolute + " is not a regular file");
            }
            return Files.isWritable(absolute) ? Optional.empty() : Optional.of(absolute + " is not writable");
        }
        Path parent = absolute.getParent();
        if (parent == null || !Files.exists(parent)) {
            return Optional.of("the directory " + parent + " does not exist");
        }
        if (!Files.isDirectory(parent)) {
            return Optional.of(parent + " is not a directory");
        }
        return Files.isWritable(parent) ? Optional.empty() : Optional.of("the directory " + parent + " is not writable");
    }

    /** The file to give JLine, or null (no history) after one line saying why. */
    static Path usable(Path file, PrintWriter out) {
        Optional<String> problem = problem(file);
        problem.ifPresent(why -> out.println("ringside: no history this session: " + why
                + " (set RINGSIDE_HISTORY to a writable file)"));
        return problem.isPresent() ? null : file;
    }

    /** JLine's warnings (a history save that failed later, e.g. a full disk) as one line each, never a stack trace. */
    static void warningsAsOneLine(PrintWriter out) {
        JLINE.setUseParentHandlers(false);
        for (Handler old : JLINE.getHandlers()) {
            JLINE.removeHandler(old);
        }
        JLINE.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() < Level.WARNING.intValue()) {
                    return;
                }
                Throwable thrown = record.getThrown();
                out.println("ringside: " + record.getMessage() + (thrown == null ? "" : ": " + thrown.getMessage()));
                out.flush();
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
            }
        });
    }
}
