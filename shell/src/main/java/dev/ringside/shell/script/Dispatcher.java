package dev.ringside.shell.script;

import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.RequirementUnmet;
import dev.ringside.shell.command.Commands;
import dev.ringside.shell.command.expect.RefusalExpectation;
import dev.ringside.shell.command.script.LetCommand;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.CommandTable;
import dev.ringside.shell.syntax.Declared;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs one line of the command language, from the REPL or a script: splits it into words, finds
 * the command's verb in the {@link CommandTable} and reads its words by the verb's declared syntax. Every user error comes out as a one-line
 * {@link ConsoleException} carrying the column it is about; expectation misses as {@link ExpectationFailed}.
 */
public final class Dispatcher {
    /** Words that end the session rather than run a command. */
    public static final Set<String> QUIT_WORDS = Set.of("quit", "exit");

    /** Script structure, handled by {@link ScriptRunner} before a line reaches a command. */
    public static final Set<String> SCRIPT_WORDS = Set.of("repeat", "include", "}");

    public enum Outcome { DONE, EMPTY, QUIT }

    private final CommandTable table;
    private final Session session;
    private final Variables variables;
    /** The words of the line running, expanded: let reads which of its values were quoted. */
    private List<Token> running = List.of();

    public Dispatcher(Session session) {
        this.session = session;
        this.variables = new Variables(session.references());
        this.table = Commands.build(session);
        table.add(new LetCommand(variables, session.out(), () -> running,
                t -> RingFdReferences.expand(variables.expand(List.of(t)), session).getFirst()));
    }

    /** The variables {@code let} sets and every line expands. */
    public Variables variables() {
        return variables;
    }

    public CommandTable commands() {
        return table;
    }

    public Outcome run(String line) {
        List<Token> tokens = Tokenizer.split(line);
        if (tokens.isEmpty()) {
            return Outcome.EMPTY;
        }
        // let expands each assignment only after the ones before it are set: let a=5 b=$a+1
        if (!tokens.getFirst().text().equalsIgnoreCase("let")) {
            tokens = RingFdReferences.expand(variables.expand(tokens), session);
        }
        running = tokens;
        String name = tokens.getFirst().text().toLowerCase(Locale.ROOT);
        if (QUIT_WORDS.contains(name)) {
            return Outcome.QUIT;
        }
        if (name.equals("include")) {
            include(tokens);
            return Outcome.DONE;
        }
        // its COMMAND is a line of its own, run by this dispatcher; expect refused --help is its Syntax's help
        if (name.equals("expect") && tokens.size() > 2 && tokens.get(1).text().equals("refused") && !tokens.get(2).text().equals("--help")) {
            expectRefused(line, tokens);
            return Outcome.DONE;
        }
        if (SCRIPT_WORDS.contains(name)) {
            throw new ConsoleException("'" + name + "' shapes a script; run it with 'ringside run FILE'", tokens.getFirst().column());
        }
        Token first = tokens.getFirst();
        Declared command = table.command(name).orElseThrow(() -> {
            List<String> names = new ArrayList<>(table.names());
            return new ConsoleException("unknown command '" + first.text() + "'" + Values.suggestion(name, names)
                    + "; commands: " + String.join(", ", names) + ", quit", first.column());
        });
        List<String> words = new ArrayList<>(tokens.stream().map(Token::text).toList());
        words.set(0, name);
        if (words.contains("--help")) {
            // CMD [SUB] --help is help CMD [SUB], read from the same declaration
            words = new ArrayList<>(words.stream().filter(a -> !a.equals("--help")).limit(2).toList());
            words.addFirst("help");
            command = table.command("help").orElseThrow();
        }
        boolean ran = false;
        List<Token> expanded = tokens;
        try {
            CommandTable.Match match = match(command, words, expanded);
            Args args = match.verb().syntax().parse(words.subList(match.pathWords(), words.size()), session);
            // --json switches the session's output to JSON lines for this command only
            session.output().json(args.json());
            match.verb().action().accept(args);
            ran = true;
        } catch (RequirementUnmet unmet) {
            throw unmet;
        } catch (ConsoleException ce) {
            throw withColumn(ce, tokens);
        } catch (ExpectationFailed ef) {
            // --json gets the miss as a result too; the one text line the caller prints stays for humans and jq -R
            if (session.output().json()) {
                session.output().result("expect", ef.view(), "");
            }
            throw ef;
        } catch (IllegalArgumentException iae) {
            throw withColumn(new ConsoleException(iae.getMessage()), tokens);
        } catch (RuntimeException e) {
            throw new ConsoleException("internal error in '" + name + "': " + e);
        } finally {
            session.output().json(false);
            // the step boundary that record and export c cut the journal at
            JournalWrites.commandRan(session, line, ran);
        }
        return Outcome.DONE;
    }

    /** The verb the words name; a command of subcommands alone, or with a word it lacks, is a one-line error. */
    private CommandTable.Match match(Declared command, List<String> words, List<Token> tokens) {
        return table.match(command, words).orElseThrow(() -> {
            List<String> valid = table.subcommands(command.name());
            if (words.size() < 2) {
                return new ConsoleException(command.name() + " needs one of: " + String.join(", ", valid));
            }
            String word = words.get(1);
            return withColumn(new ConsoleException("unknown " + command.name() + " subcommand '" + word + "'"
                    + Values.suggestion(word, valid) + "; valid: " + String.join(", ", valid), word), tokens);
        });
    }

    /**
     * The console's {@code include FILE}: the file's lines run into this session, with its rings and
     * variables, so a reproducer sets the scene and the user keeps poking. Its own failures and errors
     * print as a script's ({@code file:line: ...}); one line then sums it up. Each included line is
     * journalled as itself, so {@code record} writes those lines, not the include.
     */
    private void include(List<Token> tokens) {
        if (tokens.size() != 2) {
            throw new ConsoleException("include takes one file: include FILE", tokens.getFirst().column());
        }
        java.nio.file.Path file = java.nio.file.Path.of(tokens.get(1).text());
        if (!java.nio.file.Files.isReadable(file)) {
            throw new ConsoleException("cannot read " + file + (java.nio.file.Files.exists(file) ? ": not readable" : ": no such file"),
                    tokens.get(1).column());
        }
        ScriptRunner.Result result = new ScriptRunner(session, this).run(file);
        String verdict = switch (result.exitCode()) {
            case ScriptRunner.PASSED -> "ran";
            case ScriptRunner.FAILED -> "ran, with failed expectations";
            case ScriptRunner.SKIPPED -> "skipped the rest";
            default -> "stopped at its error";
        };
        session.out().println("included " + file + ": " + verdict + result.skipReason().map(reason -> " (" + reason + ")")
                .orElse(" (" + result.passed() + " expectations met, " + result.failed() + " failed)"));
    }

    /**
     * {@code expect refused [naming=TEXT] COMMAND...}: the inner line runs as itself (its own journal step,
     * refused), then the expectation is this line's step.
     */
    private void expectRefused(String line, List<Token> tokens) {
        int at = 2;
        String naming = null;
        while (at < tokens.size() && tokens.get(at).text().startsWith("naming=")) {
            naming = tokens.get(at).text().substring("naming=".length());
            at++;
        }
        if (at >= tokens.size()) {
            throw new ConsoleException("expect refused needs the command line to run: expect refused [naming=TEXT] COMMAND...");
        }
        List<Token> raw = Tokenizer.split(line);
        String command = raw.size() == tokens.size() ? line.substring(raw.get(at).column()).replaceFirst("\\s+#(?!\\d).*$", "").strip()
                : String.join(" ", tokens.subList(at, tokens.size()).stream().map(Token::text).toList());
        boolean ran = false;
        try {
            RefusalExpectation.check(session, command, naming, this::run);
            ran = true;
        } finally {
            JournalWrites.commandRan(session, line, ran);
        }
    }

    /** Points the error at the word it names, when the command said which. */
    private static ConsoleException withColumn(ConsoleException e, List<Token> tokens) {
        if (e.column() >= 0 || e.word().isEmpty()) {
            return e;
        }
        String word = e.word().get();
        int column = tokens.stream().skip(1).filter(t -> t.text().equals(word)).mapToInt(Token::column).findFirst()
                .orElse(tokens.stream().filter(t -> t.text().contains(word)).mapToInt(Token::column).findFirst().orElse(-1));
        return new ConsoleException(e.getMessage(), column);
    }
}
