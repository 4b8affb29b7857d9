package dev.ringside.shell;

import dev.ringside.shell.command.DecodeCommand;
import dev.ringside.shell.repl.Repl;
import dev.ringside.shell.script.ScriptRunner;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ringside}: the REPL; {@code ringside FILE...}: run scripts, exit 0 when every expectation
 * held, 1 when one failed, 2 on a script error.
 */
public final class Main {
    private Main() {
    }

    static final String USAGE = """
            usage: ringside              open the interactive console
                   ringside FILE.iou...  run scripts; exit 0 when all expectations hold, 1 when one fails, 2 on an error
                   ringside decode TYPE HEX|@FILE [--json|--c] [--profile NAME|FILE]
                                         decode bytes as sqe, cqe, params or any uapi struct
                   ringside --help       this text""";

    public static void main(String[] args) {
        System.exit(run(List.of(args), new PrintWriter(System.out, true)));
    }

    public static int run(List<String> args, PrintWriter out) {
        if (!args.isEmpty() && args.getFirst().equals("decode")) {
            return DecodeCommand.cli(args.subList(1, args.size()), out);
        }
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        if (args.isEmpty()) {
            try {
                return Repl.run();
            } catch (IOException e) {
                out.println("ringside: cannot open the terminal: " + e.getMessage());
                return 2;
            }
        }
        int worst = 0;
        for (String arg : args) {
            if (arg.startsWith("-")) {
                out.println("ringside: unknown option " + arg + "\n" + USAGE);
                return 2;
            }
            worst = Math.max(worst, runScript(Path.of(arg), out));
        }
        return worst;
    }

    /** One script in a fresh session: every ring it created is closed afterwards. */
    public static int runScript(Path file, PrintWriter out) {
        try (Session session = new Session(out, Style.detect(System.console() != null, System.getenv("TERM")))) {
            ScriptRunner.Result result = new ScriptRunner(session).run(file);
            String verdict = switch (result.exitCode()) {
                case ScriptRunner.PASSED -> "passed";
                case ScriptRunner.FAILED -> "FAILED";
                default -> "ERROR";
            };
            out.println(file + ": " + verdict + " (" + result.passed() + " expectations met, " + result.failed() + " failed)");
            return result.exitCode();
        }
    }
}
