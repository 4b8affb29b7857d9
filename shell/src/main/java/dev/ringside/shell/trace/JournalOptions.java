package dev.ringside.shell.trace;

import dev.ringside.tracer.journal.JournalFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a command-line session journals, from {@code --journal FILE}, {@code --no-journal} and
 * {@code --trace FILE} (the journal there, with the kernel's events), else {@code $RINGSIDE_JOURNAL}
 * (a file, or a directory to put one in), else the {@code ringside.journal.dir} property (tests), else
 * {@code $XDG_STATE_HOME/ringside} or {@code ~/.local/state/ringside}, as {@code <timestamp>-<pid>.jsonl}.
 *
 * @param file   the journal file, empty with --no-journal
 * @param kernel whether the kernel's io_uring events are traced into it (--trace)
 * @param rest   the arguments that are not journal options, in order
 */
public record JournalOptions(Optional<Path> file, boolean kernel, List<String> rest) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSS");

    /** @throws IllegalArgumentException with a one-line message on a bad option */
    public static JournalOptions parse(List<String> args) {
        Optional<Path> chosen = null;
        boolean kernel = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--no-journal" -> chosen = Optional.empty();
                case "--journal", "--trace" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("-")) {
                        throw new IllegalArgumentException(arg + " needs a file: " + arg + " FILE.jsonl");
                    }
                    chosen = Optional.of(Path.of(args.get(++i)));
                    kernel |= arg.equals("--trace");
                }
                default -> rest.add(arg);
            }
        }
        return new JournalOptions(chosen != null ? chosen : Optional.of(defaultFile()), kernel, List.copyOf(rest));
    }

    static Path defaultFile() {
        String env = System.getenv("RINGSIDE_JOURNAL");
        String name = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + ProcessHandle.current().pid();
        if (env != null && !env.isEmpty()) {
            Path path = Path.of(env);
            return Files.isDirectory(path) ? unique(path, name) : path;
        }
        String dir = System.getProperty("ringside.journal.dir");
        if (dir != null && !dir.isEmpty()) {
            return unique(Path.of(dir), name);
        }
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isEmpty() ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return unique(base.resolve("ringside"), name);
    }

    /** dir/name.jsonl, or dir/name-2.jsonl ... when a session of this process already has it. */
    private static Path unique(Path dir, String name) {
        Path path = dir.resolve(name + ".jsonl");
        for (int n = 2; Files.exists(path); n++) {
            path = dir.resolve(name + "-" + n + ".jsonl");
        }
        return path;
    }

    /** Opens the file; an unwritable location is one line on {@code out}, and the session goes on without a file. */
    public Optional<JournalFile> open(PrintWriter out) {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JournalFile.open(file.get(), out::println));
        } catch (IOException | RuntimeException e) {
            out.println("ringside: no journal file: cannot write " + file.get() + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); going on without one");
            return Optional.empty();
        }
    }
}
