package dev.ringside.shell.command.export;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.export.CExporter;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code export c FILE [SCRIPT]}: the session, or a script run in a fresh one, as a standalone C reproducer. */
public final class ExportCommand implements Declared {
    private final Session session;

    static final Syntax C = Syntax.of("export c",
                    "Write one standalone C program (raw syscalls and <linux/io_uring.h>, no liburing) that replays the session:"
                    + " the same SQE fields, submits and waits, every CQE printed, the same expectations checked (exit 1 on a mismatch).")
            .with(Positional.required("FILE", ValueType.Name.PATH, "the .c file to write"),
                    Positional.optional("SCRIPT", ValueType.Name.PATH, "a script to run in a fresh session and export instead"));

    public ExportCommand(Session session) {
        this.session = session;
    }

    private void c(Args args) {
        String file = args.word(0).orElseThrow();
        String script = args.word(1).orElse(null);
        String program = script == null ? CExporter.program(session.journal().events(), "a console session")
                : CExporter.fromScript(Path.of(script));
        write(Path.of(file), program);
        session.out().println("wrote " + file + "; build it with: gcc -Wall -Werror -o repro " + file);
    }

    /** {@code ringside export c OUT.c SCRIPT.iou} from the command line: 0 written, 2 on any error. */
    public static int cli(List<String> args, PrintWriter out) {
        if (args.size() != 3 || !args.getFirst().equals("c")) {
            out.println("usage: ringside export c OUT.c SCRIPT.iou");
            return 2;
        }
        try {
            write(Path.of(args.get(1)), CExporter.fromScript(Path.of(args.get(2))));
        } catch (ConsoleException e) {
            out.println("ringside " + e.getMessage());
            return 2;
        }
        out.println("wrote " + args.get(1) + "; build it with: gcc -Wall -Werror -o repro " + args.get(1));
        return 0;
    }

    static void write(Path path, String text) {
        try {
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new ConsoleException("cannot write " + path + ": " + e.getMessage(), path.toString());
        }
    }

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(C, this::c));
    }

    @Override
    public String summary() {
        return "Export the session as a reproducer: export c FILE [SCRIPT] writes a standalone C program.";
    }
}
