package dev.ringside.shell.script;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.session.Session;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a script file line by line in a session. A failed expectation is reported as
 * {@code file:line: expected ..., got ...} and the run goes on; a script error (bad command,
 * field or value, a syscall the kernel refused) as {@code file:line:column: error: ...} and stops it.
 */
public final class ScriptRunner {
    /** Exit codes: all expectations met, an expectation failed, the script itself is wrong. */
    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int ERROR = 2;

    public record Result(int exitCode, int passed, int failed) {
    }

    private final Session session;
    private final Dispatcher dispatcher;

    public ScriptRunner(Session session) {
        this.session = session;
        this.dispatcher = new Dispatcher(session);
    }

    public Result run(Path file) {
        PrintWriter out = session.out();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            out.println(file + ": error: cannot read the script: " + e.getMessage());
            return new Result(ERROR, 0, 0);
        }
        int passed = 0;
        int failed = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean isExpect = line.stripLeading().startsWith("expect");
            try {
                if (dispatcher.run(line) == Dispatcher.Outcome.QUIT) {
                    break;
                }
                if (isExpect) {
                    passed++;
                }
            } catch (ExpectationFailed e) {
                failed++;
                out.println(session.style().error(file + ":" + (i + 1) + ": " + e.getMessage()));
            } catch (ConsoleException e) {
                int column = e.column() >= 0 ? e.column() + 1 : firstWordColumn(line);
                out.println(session.style().error(file + ":" + (i + 1) + ":" + column + ": error: " + e.getMessage()));
                out.flush();
                return new Result(ERROR, passed, failed);
            } finally {
                out.flush();
            }
        }
        return new Result(failed > 0 ? FAILED : PASSED, passed, failed);
    }

    private static int firstWordColumn(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i + 1;
    }
}
