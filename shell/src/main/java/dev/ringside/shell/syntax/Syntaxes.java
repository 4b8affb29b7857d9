package dev.ringside.shell.syntax;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every declared syntax of the command table, by path, and which one a line's words are in. */
public final class Syntaxes {
    private final Map<String, Syntax> byPath = new LinkedHashMap<>();

    Syntaxes(Collection<Declared> commands) {
        commands.forEach(d -> d.syntaxes().forEach(s -> byPath.put(s.path(), s)));
    }

    public Optional<Syntax> find(String path) {
        return Optional.ofNullable(byPath.get(path.toLowerCase(Locale.ROOT)));
    }

    /** The syntax a line is in and how many of its words name it (1 for "wait", 2 for "ring create"). */
    public record Found(Syntax syntax, int pathWords) {
    }

    /** The longest declared path the first words of {@code words} spell, looking at most at {@code limit} words. */
    public Optional<Found> of(List<String> words, int limit) {
        for (int n = Math.min(2, Math.min(limit, words.size())); n >= 1; n--) {
            String path = String.join(" ", words.subList(0, n)).toLowerCase(Locale.ROOT);
            Syntax s = byPath.get(path);
            if (s != null) {
                return Optional.of(new Found(s, n));
            }
        }
        return Optional.empty();
    }
}
