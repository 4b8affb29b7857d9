package dev.ringside.shell.script;

import dev.ringside.decoders.catalog.Catalog;
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
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.Verb;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        return run(line, null);
    }

    /**
     * A line of a script: like {@link #run(String)}, but what the line was read as (its words, command, verb and
     * the words its syntax read) is kept, and its next run (a loop's next pass) reuses it instead of reading
     * the line again, as long as it expands to the same words under the same catalogue (see {@link Reading}).
     */
    public Outcome runScriptLine(String line) {
        Reading reading = readings.get(line);
        if (reading == null) {
            if (readings.size() >= MAX_READINGS) {
                readings.clear(); // an include in a loop reads its file again each pass: new lines each time
            }
            reading = new Reading(Tokenizer.split(line));
            readings.put(line, reading);
        }
        return run(line, reading);
    }

    /** Lines whose reading is kept, by the identity of the line's String (a script's lines stay the same objects). */
    private final Map<String, Reading> readings = new IdentityHashMap<>();
    private static final int MAX_READINGS = 4096;

    /**
     * A script line as last read. Tokenizing is pure, so its tokens are kept; a line with a {@code $} or
     * {@code %} word is expanded again each run and reused only when the expanded words are the same.
     * The command table does not change after the dispatcher is built; a verb is the same when its command
     * still declares the same Syntax object at the same place; and a syntax that {@link Syntax#readsOnlyCatalog}
     * reads the same words the same under the same catalogue. So the Args are those a fresh read would give.
     */
    private static final class Reading {
        final List<Token> raw;
        final boolean expands;
        /** The words as read, the command, where its verb was and what it read; null until a read that may be kept. */
        List<Token> tokens;
        Declared command;
        String name;
        int verbIndex;
        Syntax syntax;
        Args args;
        Catalog catalog;

        Reading(List<Token> raw) {
            this.raw = List.copyOf(raw);
            this.expands = raw.stream().anyMatch(t -> t.text().indexOf('$') >= 0 || t.text().indexOf('%') >= 0);
        }

        /** The verb to run, when the kept read still holds for these words; else null. */
        Verb verbFor(List<Token> words, Session session) {
            if (args == null || catalog != session.catalog() || !sameWords(words)) {
                return null;
            }
            List<Verb> verbs = command.verbs();
            if (verbIndex >= verbs.size()) {
                return null;
            }
            Verb verb = verbs.get(verbIndex);
            return verb.syntax() == syntax ? verb : null;
        }

        private boolean sameWords(List<Token> words) {
            if (words == tokens) {
                return true;
            }
            if (words.size() != tokens.size()) {
                return false;
            }
            for (int i = 0; i < words.size(); i++) {
                if (!words.get(i).equals(tokens.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** Where {@code verb}, one of {@code verbs}, is: by identity (a record's equals would compare whole Syntaxes, and link at first use). */
        private static int indexOf(List<Verb> verbs, Verb verb) {
            for (int i = 0; i < verbs.size(); i++) {
                if (verbs.get(i) == verb) {
                    return i;
                }
            }
            return -1;
        }

        void keep(List<Token> words, Declared command, String name, List<Verb> verbs, Verb verb, Args args, Catalog catalog) {
            int index = indexOf(verbs, verb);
            if (index < 0 || !verb.syntax().readsOnlyCatalog()) {
                return;
            }
            this.tokens = List.copyOf(words);
            this.command = command;
            this.name = name;
            this.verbIndex = index;
            this.syntax = verb.syntax();
            this.args = args.frozen();
            this.catalog = catalog;
        }
    }

    private Outcome run(String line, Reading reading) {
        List<Token> tokens = reading == null ? Tokenizer.split(line) : reading.raw;
        if (tokens.isEmpty()) {
            return Outcome.EMPTY;
        }
        // let expands each assignment only after the ones before it are set: let a=5 b=$a+1
        if (!tokens.getFirst().text().equalsIgnoreCase("let") && (reading == null || reading.expands)) {
            tokens = RingFdReferences.expand(variables.expand(tokens), session);
        }
        running = tokens;
        Verb known = reading == null ? null : reading.verbFor(tokens, session);
        if (known != null) {
            return runVerb(line, reading.name, known, reading.args, tokens, null);
        }
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
        boolean help = words.contains("--help");
        if (help) {
            // CMD [SUB] --help is help CMD [SUB], read from the same declaration
            words = new ArrayList<>(words.stream().filter(a -> !a.equals("--help")).limit(2).toList());
            words.addFirst("help");
            command = table.command("help").orElseThrow();
        }
        // a line that reads only the catalogue is kept for its next run (not a name=--help or a let: let reads its own words)
        Reading keep = help || reading == null || tokens.getFirst().text().equalsIgnoreCase("let") ? null : reading;
        return runVerb(line, name, null, null, tokens, new Unread(command, words, keep));
    }

    /** A line's command and words still to be matched and read by its syntax; kept into {@code keep} when not null. */
    private record Unread(Declared command, List<String> words, Reading keep) {
    }

    /** Runs {@code verb} with {@code args}, or first matches and reads {@code unread}; the errors and the journal's step as one. */
    private Outcome runVerb(String line, String name, Verb verb, Args args, List<Token> tokens, Unread unread) {
        boolean ran = false;
        try {
            if (unread != null) {
                List<Verb> verbs = unread.command().verbs();
                CommandTable.Match match = match(unread.command(), verbs, unread.words(), tokens);
                verb = match.verb();
                Catalog catalog = session.catalog();
                args = verb.syntax().parse(unread.words().subList(match.pathWords(), unread.words().size()), session);
                if (unread.keep() != null) {
                    unread.keep().keep(tokens, unread.command(), name, verbs, verb, args, catalog);
                }
            }
            // --json switches the session's output to JSON lines for this command only
            session.output().json(args.json());
            verb.action().accept(args);
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
    private CommandTable.Match match(Declared command, List<Verb> verbs, List<String> words, List<Token> tokens) {
        return CommandTable.match(verbs, words).orElseThrow(() -> {
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
