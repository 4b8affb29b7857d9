package dev.ringside.shell.script;

import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.RequirementUnmet;
import dev.ringside.shell.command.Commands;
import dev.ringside.shell.command.JsonOption;
import dev.ringside.shell.command.expect.RefusalExpectation;
import dev.ringside.shell.command.script.LetCommand;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.session.Session;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs one line of the command language, from the REPL or a script: splits it into words, finds
 * the command and lets picocli bind its arguments. Every user error comes out as a one-line
 * {@link ConsoleException} carrying the column it is about; expectation misses as {@link ExpectationFailed}.
 */
public final class Dispatcher {
    /** Words that end the session rather than run a command. */
    public static final Set<String> QUIT_WORDS = Set.of("quit", "exit");

    /** Script structure, handled by {@link ScriptRunner} before a line reaches a command. */
    public static final Set<String> SCRIPT_WORDS = Set.of("repeat", "include", "}");

    public enum Outcome { DONE, EMPTY, QUIT }

    private final CommandLine root;
    private final Session session;
    private final Variables variables = new Variables();

    public Dispatcher(Session session) {
        this.session = session;
        this.root = Commands.build(session);
        root.addSubcommand("let", new CommandLine(new LetCommand(variables, session.out())));
        // a word @FILE is the command's to read, bounded (decode); picocli would read it unbounded, /dev/zero forever
        root.setExpandAtFiles(false);
    }

    /** The variables {@code let} sets and every line expands. */
    public Variables variables() {
        return variables;
    }

    public CommandLine commands() {
        return root;
    }

    public Outcome run(String line) {
        List<Token> tokens = Tokenizer.split(line);
        if (tokens.isEmpty()) {
            return Outcome.EMPTY;
        }
        tokens = RingFdReferences.expand(variables.expand(tokens), session);
        String name = tokens.getFirst().text().toLowerCase(Locale.ROOT);
        if (QUIT_WORDS.contains(name)) {
            return Outcome.QUIT;
        }
        if (name.equals("include")) {
            include(tokens);
            return Outcome.DONE;
        }
        if (name.equals("expect") && tokens.size() > 2 && tokens.get(1).text().equals("refused")) {
            expectRefused(line, tokens);
            return Outcome.DONE;
        }
        if (SCRIPT_WORDS.contains(name)) {
            throw new ConsoleException("'" + name + "' shapes a script; run it with 'ringside run FILE'", tokens.getFirst().column());
        }
        if (!root.getSubcommands().containsKey(name)) {
            List<String> names = new ArrayList<>(root.getSubcommands().keySet());
            throw new ConsoleException("unknown command '" + tokens.getFirst().text() + "'" + Values.suggestion(name, names)
                    + "; commands: " + String.join(", ", names) + ", quit", tokens.getFirst().column());
        }
        String[] args = tokens.stream().map(Token::text).toArray(String[]::new);
        args[0] = name;
        if (List.of(args).contains("--help")) {
            // CMD [SUB] --help is help CMD [SUB], read from the same declaration
            List<String> topic = new ArrayList<>(List.of("help"));
            List.of(args).stream().filter(a -> !a.equals("--help")).limit(2).forEach(topic::add);
            args = topic.toArray(String[]::new);
        }
        boolean ran = false;
        try {
            CommandLine.ParseResult parsed = root.parseArgs(args);
            CommandLine last = parsed.asCommandLineList().getLast();
            if (!(last.getCommand() instanceof Runnable) && !(last.getCommand() instanceof java.lang.reflect.Method)) {
                throw new ConsoleException(last.getCommandName() + " needs one of: "
                        + String.join(", ", last.getSubcommands().keySet()));
            }
            // --json (JsonOption) switches the session's output to JSON lines for this command only
            session.output().json(last.getParseResult().hasMatchedOption(JsonOption.NAME));
            new CommandLine.RunLast().execute(parsed);
            ran = true;
        } catch (CommandLine.UnmatchedArgumentException e) {
            throw unmatched(e, tokens);
        } catch (CommandLine.ParameterException e) {
            throw new ConsoleException(firstLine(e.getMessage()));
        } catch (CommandLine.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RequirementUnmet unmet) {
                throw unmet;
            }
            if (cause instanceof ConsoleException ce) {
                throw withColumn(ce, tokens);
            }
            if (cause instanceof ExpectationFailed ef) {
                // --json gets the miss as a result too; the one text line the caller prints stays for humans and jq -R
                if (session.output().json()) {
                    session.output().result("expect", ef.view(), "");
                }
                throw ef;
            }
            if (cause instanceof IllegalArgumentException iae) {
                throw withColumn(new ConsoleException(iae.getMessage()), tokens);
            }
            throw new ConsoleException("internal error in '" + name + "': " + cause);
        } finally {
            session.output().json(false);
            // the step boundary that record and export c cut the journal at
            JournalWrites.commandRan(session, line, ran);
        }
        return Outcome.DONE;
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

    private static ConsoleException unmatched(CommandLine.UnmatchedArgumentException e, List<Token> tokens) {
        CommandLine where = e.getCommandLine();
        List<String> bad = e.getUnmatched();
        String word = bad.isEmpty() ? "" : bad.getFirst();
        List<String> valid = new ArrayList<>(where.getSubcommands().keySet());
        String message = valid.isEmpty()
                ? where.getCommandName() + " takes no argument '" + word + "'"
                : "unknown " + where.getCommandName() + " subcommand '" + word + "'" + Values.suggestion(word, valid)
                        + "; valid: " + String.join(", ", valid);
        return withColumn(new ConsoleException(message, word), tokens);
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

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
