package dev.ringside.shell.repl;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The console reading lines that are not typed ({@code ringside --json < lines}, {@code cmd | ringside}):
 * the same commands as the REPL, and a wrong line still prints its one-line error and the next runs,
 * but no banner and no prompt, so stdout holds only what the commands printed (JSON lines feed jq).
 */
public final class PipedConsole {
    private PipedConsole() {
    }

    /** Whether fd 0 is a terminal: what a user types at, rather than a pipe or a file. */
    public static boolean stdinIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null && System.console().isTerminal();
        }
    }

    /** Runs every line of {@code in} until its end or {@code quit}; 0, as the REPL. */
    public static int run(BufferedReader in, PrintWriter out) throws IOException {
        Style style = Style.detect(false, System.getenv("TERM"));
        try (Session session = new Session(out, style)) {
            Dispatcher dispatcher = new Dispatcher(session);
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    if (dispatcher.run(line) == Dispatcher.Outcome.QUIT) {
                        break;
                    }
                } catch (ConsoleException e) {
                    out.println(style.error("error: ") + e.getMessage());
                } catch (ExpectationFailed e) {
                    out.println(style.error("failed: ") + e.getMessage());
                }
                out.flush();
            }
        }
        out.flush();
        return 0;
    }
}
