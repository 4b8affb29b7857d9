package dev.ringside.shell.command.export;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.export.Recorder;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code record FILE}: what the session did so far, as a script that replays it and checks the kernel's answers. */
@Command(name = "record", description = {
    "Write the session so far to FILE as a runnable script: the commands that ran (not typos or errors),",
    "each followed by the completions the kernel answered as 'expect cqe user_data=N res=R flags=F'. Replay: ringside FILE."})
public final class RecordCommand implements Runnable, Declared {
    private final Session session;

    @Parameters(arity = "0..*", paramLabel = "FILE")
    List<String> words;

    static final Syntax SYNTAX = Syntax.of("record", "Write the session so far as a script that replays it, with its completions as expectations.")
            .with(Positional.required("FILE", ValueType.Name.PATH, "the .iou script to write"))
            .note("Only the commands that ran are written, not typos or errors. Replay: ringside FILE.");

    public RecordCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        String file = SYNTAX.parse(words, session).word(0).orElseThrow();
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
    public List<Syntax> syntaxes() {
        return List.of(SYNTAX);
    }
}
