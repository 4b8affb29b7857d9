package dev.ringside.shell.script;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What picocli made of the lines run lately, so a loop running the same words again skips the parse
 * (the most expensive part of a line): the values picocli bound are put back into every command of the
 * line (another line or the run itself may have changed them) and the same parse result runs again.
 * Keyed by the words after variable expansion, so {@code $i} that changes is a new line; bounded.
 */
final class ParseCache {
    private static final int LINES = 256;

    /** One parsed line: the commands it went through and the value of each of their options and parameters. */
    record Parsed(CommandLine.ParseResult result, CommandLine last, List<ArgSpec> specs, List<Object> values, boolean json) {
        /** Puts every bound value back, as the parse left it; collections and arrays as fresh copies. */
        void restore() {
            for (int i = 0; i < specs.size(); i++) {
                specs.get(i).setValue(copy(values.get(i)));
            }
        }
    }

    private final Map<List<String>, Parsed> lines = new LinkedHashMap<>(LINES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, Parsed> eldest) {
            return size() > LINES;
        }
    };

    Parsed get(String[] args) {
        return lines.get(Arrays.asList(args));
    }

    Parsed put(String[] args, CommandLine.ParseResult result, boolean json) {
        List<ArgSpec> specs = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (CommandLine line : result.asCommandLineList()) {
            for (ArgSpec spec : line.getCommandSpec().args()) {
                specs.add(spec);
                values.add(copy(spec.getValue()));
            }
        }
        Parsed parsed = new Parsed(result, result.asCommandLineList().getLast(), List.copyOf(specs),
                java.util.Collections.unmodifiableList(values), json);
        lines.put(List.of(args.clone()), parsed);
        return parsed;
    }

    private static Object copy(Object value) {
        return switch (value) {
            case List<?> list -> new ArrayList<>(list);
            case Map<?, ?> map -> new LinkedHashMap<>(map);
            case Object[] array -> array.clone();
            case null, default -> value;
        };
    }
}
