package dev.ringside.shell.command.export;

import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.export.Recorder;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code record FILE}: what the session did so far, as a script that replays it and checks the kernel's answers. */
public final class RecordCommand implements Declared {
    private final Session session;

    static final Syntax SYNTAX = Syntax.of("record", "Write the session so far as a script that replays it, with its completions as expectations.")
            .with(Positional.required("FILE", ValueType.Name.PATH, "the .iou script to write"))
            .note("Only the commands that ran are written, not typos or errors. Replay: ringside FILE.");

    public RecordCommand(Session session) {
        this.session = session;
    }

    private void run(Args args) {
        String file = args.word(0).orElseThrow();
        List<String> lines = Recorder.script(session.journal().events(), "a console session");
        Path path = Path.of(file);
        try {
            Files.write(path, lines);
        } catch (IOException e) {
            throw new ConsoleException("cannot write " + file + ": " + reason(path, e), file);
        }
        long expects = lines.stream().filter(l -> l.startsWith("expect ")).count();
        session.out().println("recorded " + (lines.size() - 2 - expects) + " commands and " + expects
                + " expected completions to " + path);
    }

    /** Why a file cannot be written, in words: NoSuchFileException's message is only the path. */
    static String reason(Path path, IOException e) {
        Path parent = path.toAbsolutePath().getParent();
        return switch (e) {
            case java.nio.file.NoSuchFileException n -> "no directory " + parent;
            case java.nio.file.AccessDeniedException a -> "permission denied";
            case java.nio.file.FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage();
        };
    }

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }
}
