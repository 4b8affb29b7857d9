package dev.ringside.shell.command.register;

import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code register} and {@code unregister} take, read from the kinds they declare, for the
 * completer: each kind's option names (with {@code expect}) and whether its positional words are
 * session buffers ({@code BUF...} in the usage) or console fds ({@code $FD}).
 */
public final class RegisterKinds {
    private RegisterKinds() {
    }

    /** The positional words a kind takes. */
    public enum Words { NONE, BUFFERS, FDS }

    /** One kind as the completer sees it. */
    public record Spec(String usage, String summary, List<String> options, Words words) {
    }

    /** The kinds of {@code register} or {@code unregister}, by name; empty for any other command. */
    public static Map<String, Spec> of(String command) {
        Map<String, RegisterCommand.Kind> kinds = switch (command) {
            case "register" -> RegisterCommand.Kinds.ALL;
            case "unregister" -> UnregisterCommand.Kinds.ALL;
            default -> Map.of();
        };
        Map<String, Spec> out = new LinkedHashMap<>();
        kinds.forEach((name, kind) -> {
            List<String> options = new ArrayList<>(kind.options());
            options.add("expect");
            out.put(name, new Spec(kind.usage(), kind.summary(), List.copyOf(options), words(name, kind.usage())));
        });
        return out;
    }

    /**
     * {@code register KIND ...} as a declared syntax, for help and Tab: the kind's options; ring= takes a
     * ring name, src_fd= and ring_fd= a %ring, and an option whose usage lists A|B flag names takes the
     * catalogue flag set that holds them all.
     */
    public static Syntax syntax(String command, String summary, Session session) {
        Map<String, Spec> kinds = of(command);
        return Syntax.of(command, summary)
                .with(Positional.optional("WHAT",
                        new ValueType.Choices("WHAT", s -> List.copyOf(kinds.keySet())), "what to " + command))
                .refinedBy(word -> Optional.ofNullable(kinds.get(word.toLowerCase(Locale.ROOT)))
                        .map(spec -> kindSyntax(command + " " + word, spec, session)))
                .withJson();
    }

    private static Syntax kindSyntax(String path, Spec spec, Session session) {
        List<Option> options = new ArrayList<>();
        for (String name : spec.options()) {
            options.add(option(name, spec.usage(), session));
        }
        var syntax = Syntax.of(path, spec.summary() + "; " + spec.usage()).with(options);
        return switch (spec.words()) {
            case BUFFERS -> syntax.with(Positional.many("BUF",
                    ValueType.Name.BUFFER, "session buffers"));
            case FDS -> syntax.with(Positional.many("$FD",
                    new ValueType.Choices("$FD", s -> s.resources().fds().stream().map(f -> "$" + f.name()).toList()),
                    "console fds"));
            case NONE -> syntax;
        };
    }

    private static Option option(String name, String usage, Session session) {
        var type = ValueType.Name.TEXT;
        if (name.equals("ring")) {
            return Option.of(name, ValueType.Name.RING, "a ring of the session");
        }
        if (name.equals("src_fd") || name.equals("ring_fd")) {
            return Option.of(name, type, "a ring as %NAME or an fd number")
                    .completing((s, typed) -> s.rings().keySet().stream().map(r -> "%" + r).toList());
        }
        Matcher m = Pattern.compile("\\b" + name + "=([A-Z][A-Z0-9_]*(?:\\|[A-Z][A-Z0-9_]*)+)").matcher(usage);
        if (m.find()) {
            List<String> listed = List.of(m.group(1).split("\\|"));
            for (String setName : session.catalog().flagSetNames()) {
                var set = session.catalog().flagSet(setName);
                if (set.names().containsAll(listed)) {
                    return Option.of(name, new ValueType.Flags(setName), set.prefix() + "* flags");
                }
            }
        }
        return Option.of(name, type, "see " + usage);
    }

    private static Words words(String name, String usage) {
        String rest = usage.startsWith(name) ? usage.substring(name.length()) : usage;
        if (rest.contains(" BUF...")) {
            return Words.BUFFERS;
        }
        return rest.matches("(?s).*\\s\\$[A-Z].*") ? Words.FDS : Words.NONE;
    }
}
