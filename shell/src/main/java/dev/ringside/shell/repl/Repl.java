package dev.ringside.shell.repl;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import dev.ringside.shell.trace.JournalOptions;
import dev.ringside.tracer.journal.JournalFile;
import dev.ringside.tracer.trace.KernelTracer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The interactive console: JLine line editing, a history file, context-aware completion. A wrong
 * command prints one line and the prompt comes back; Ctrl-C stops a wait, not the console; Ctrl-D leaves.
 */
public final class Repl {
    private Repl() {
    }

    public static int run(JournalOptions journal) throws IOException {
        // JLine's own warnings (no system terminal: a dumb one) as one line, not java.util.logging's two
        HistoryFile.warningsAsOneLine(new PrintWriter(System.err, true));
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("ringside").build()) {
            Optional<JournalFile> sink = journal.open(terminal.writer());
            try {
                return run(terminal, historyFile(), sink, journal.kernel());
            } finally {
                sink.ifPresent(JournalFile::close);
            }
        }
    }

    /** The read-eval-print loop on any terminal: the system one, or a test's virtual one. */
    public static int run(Terminal terminal, Path history) {
        return run(terminal, history, Optional.empty());
    }

    public static int run(Terminal terminal, Path history, Optional<JournalFile> sink) {
        return run(terminal, history, sink, false);
    }

    /** The loop with the session journaled to {@code sink} as well, and the kernel's events when {@code kernel} (--trace). */
    public static int run(Terminal terminal, Path history, Optional<JournalFile> sink, boolean kernel) {
        Style style = Style.detect(true, terminal.getType());
        {
            try (Session session = new Session(terminal.writer(), style)) {
                sink.ifPresent(f -> f.attach(session.journal(), "console"));
                Dispatcher dispatcher = new Dispatcher(session);
                HistoryFile.warningsAsOneLine(terminal.writer());
                Path usableHistory = HistoryFile.usable(history, terminal.writer());
                LineReader reader = LineReaderBuilder.builder()
                        .terminal(terminal)
                        .appName("ringside")
                        .completer(new ConsoleCompleter(session, dispatcher.commands()))
                        .variable(LineReader.HISTORY_FILE, usableHistory)
                        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                        .build();
                terminal.handle(Terminal.Signal.INT, signal -> session.cancel());
                session.keyboard(new TerminalKeyboard(terminal));
                terminal.writer().println("ringside: io_uring console. 'help' lists the commands, Tab completes, Ctrl-D leaves.");
                sink.ifPresent(f -> terminal.writer().println("journal: " + f.path()));
                if (kernel) {
                    KernelTracer.start(session.journal(), java.util.List.of(), terminal.writer()::println).ifPresent(t -> {
                        session.tracer(t);
                        terminal.writer().println("kernel tracing on: " + t.instance());
                    });
                }
                while (true) {
                    String prompt = style.heading("ringside" + session.currentName().map(n -> ":" + n).orElse("") + "> ");
                    String line;
                    try {
                        line = reader.readLine(prompt);
                    } catch (UserInterruptException e) {
                        continue;
                    } catch (EndOfFileException e) {
                        break;
                    }
                    try {
                        if (dispatcher.run(line) == Dispatcher.Outcome.QUIT) {
                            break;
                        }
                    } catch (ConsoleException e) {
                        terminal.writer().println(style.error("error: ") + e.getMessage());
                    } catch (ExpectationFailed e) {
                        terminal.writer().println(style.error("failed: ") + e.getMessage());
                    }
                    terminal.writer().flush();
                }
                try {
                    reader.getHistory().save();
                } catch (IOException e) {
                    terminal.writer().println("ringside: history not saved: " + e.getMessage());
                }
            }
        }
        return 0;
    }

    /** $RINGSIDE_HISTORY, else ~/.ringside_history. */
    static Path historyFile() {
        String override = System.getenv("RINGSIDE_HISTORY");
        return override != null && !override.isEmpty() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".ringside_history");
    }
}
