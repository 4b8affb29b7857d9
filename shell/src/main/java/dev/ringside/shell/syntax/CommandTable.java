package dev.ringside.shell.syntax;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The console's commands by name, each registered with one line; dispatch, help and Tab read it. */
public final class CommandTable {
    private final Map<String, Declared> byName = new LinkedHashMap<>();

    /** Registers the command under the first word of each of its paths: its name and any other name. */
    public CommandTable add(Declared command) {
        command.names().forEach(name -> byName.put(name, command));
        return this;
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public Optional<Declared> command(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    public List<Declared> commands() {
        return byName.values().stream().distinct().toList();
    }

    /** The declarations as they are now: a draft or a loaded profile changes what sqe and register take. */
    public Syntaxes syntaxes() {
        return new Syntaxes(commands());
    }

    /** The second words of a command's paths: ring's create, use, ... */
    public List<String> subcommands(String name) {
        List<String> out = new ArrayList<>();
        command(name).ifPresent(c -> c.syntaxes().forEach(s -> {
            int space = s.path().indexOf(' ');
            if (space > 0) {
                out.add(s.path().substring(space + 1));
            }
        }));
        return out;
    }

    /** The verb a line's words (the command's name first) run, and how many words name it. */
    public record Match(Verb verb, int pathWords) {
    }

    public Optional<Match> match(Declared command, List<String> words) {
        return match(command.verbs(), words);
    }

    /** The verb of {@code verbs} (a command's, as it declared them just now) the words name. */
    public static Optional<Match> match(List<Verb> verbs, List<String> words) {
        for (int n = Math.min(2, words.size()); n >= 1; n--) {
            String path = (n == 1 ? words.getFirst() : words.get(0) + " " + words.get(1)).toLowerCase(Locale.ROOT);
            for (Verb verb : verbs) { // a loop, not a stream: this runs for every line of a script
                if (verb.syntax().path().equals(path)) {
                    return Optional.of(new Match(verb, n));
                }
            }
        }
        return Optional.empty();
    }
}
