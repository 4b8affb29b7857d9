package dev.ringside.shell.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    public record Spec(String usage, List<String> options, Words words) {
    }

    /** The kinds of {@code register} or {@code unregister}, by name; empty for any other command. */
    public static Map<String, Spec> of(String command) {
        Map<String, RegisterCommand.Kind> kinds = switch (command) {
            case "register" -> RegisterCommand.KINDS;
            case "unregister" -> UnregisterCommand.KINDS;
            default -> Map.of();
        };
        Map<String, Spec> out = new LinkedHashMap<>();
        kinds.forEach((name, kind) -> {
            List<String> options = new ArrayList<>(kind.options());
            options.add("expect");
            out.put(name, new Spec(kind.usage(), List.copyOf(options), words(name, kind.usage())));
        });
        return out;
    }

    private static Words words(String name, String usage) {
        String rest = usage.startsWith(name) ? usage.substring(name.length()) : usage;
        if (rest.contains(" BUF...")) {
            return Words.BUFFERS;
        }
        return rest.matches("(?s).*\\s\\$[A-Z].*") ? Words.FDS : Words.NONE;
    }
}
