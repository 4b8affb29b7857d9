package dev.ringside.shell.caps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Output;
import dev.ringside.tracer.caps.Answer;
import dev.ringside.tracer.caps.Capabilities;
import dev.ringside.tracer.caps.Capability;
import dev.ringside.tracer.caps.KernelFacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The capability table of the running kernel: as text, as JSON lines (the stable form other tools and
 * {@code caps diff} read: one {@code {"type":"capability","name","kind","since","present","how","detail"}}
 * per line, present true, false or "unknown"), and two such tables side by side.
 */
public final class CapsReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CapsReport() {
    }

    /** One capability's answer as the JSON line carries it. */
    public record Row(String name, String kind, String since, Object present, String how, String detail) {
        static Row of(Capability c, Answer a) {
            Object present = switch (a.present()) {
                case PRESENT -> Boolean.TRUE;
                case ABSENT -> Boolean.FALSE;
                case UNKNOWN -> "unknown";
            };
            return new Row(c.name(), c.kind().label(), c.since(), present, a.how(), a.detail() == null ? "" : a.detail());
        }

        String mark() {
            return present.equals(Boolean.TRUE) ? "yes" : present.equals(Boolean.FALSE) ? "no" : "?";
        }
    }

    /** Every capability (or those whose name or kind contains one of {@code filters}) asked of the running kernel. */
    public static List<Row> ask(List<String> filters) {
        KernelFacts kernel = new KernelFacts();
        List<Row> rows = new ArrayList<>();
        for (Capability c : Capabilities.all()) {
            if (matches(c, filters)) {
                rows.add(Row.of(c, c.ask(kernel)));
            }
        }
        if (rows.isEmpty()) {
            throw new ConsoleException("no capability matches " + String.join(" ", filters)
                    + "; kinds: setup, feature, opcode, register, enter, seed, environment");
        }
        return rows;
    }

    private static boolean matches(Capability c, List<String> filters) {
        if (filters.isEmpty()) {
            return true;
        }
        String name = c.name().toLowerCase(Locale.ROOT);
        String kind = c.kind().label();
        return filters.stream().map(f -> f.toLowerCase(Locale.ROOT)).anyMatch(f -> name.contains(f) || kind.startsWith(f));
    }

    public static List<String> json(List<Row> rows) {
        return rows.stream().map(r -> Output.line("capability", r)).toList();
    }

    public static List<String> table(List<Row> rows) {
        int width = rows.stream().mapToInt(r -> r.name().length()).max().orElse(10);
        List<String> out = new ArrayList<>();
        String kind = "";
        for (Row r : rows) {
            if (!r.kind().equals(kind)) {
                kind = r.kind();
                out.add(kind + "s:");
            }
            out.add(String.format("  %-" + width + "s  %-3s  %-12s  %s: %s", r.name(), r.mark(), r.since(), r.how(), r.detail()));
        }
        long yes = rows.stream().filter(r -> r.present().equals(Boolean.TRUE)).count();
        long no = rows.stream().filter(r -> r.present().equals(Boolean.FALSE)).count();
        out.add(rows.size() + " capabilities: " + yes + " present, " + no + " absent, " + (rows.size() - yes - no) + " unknown");
        return out;
    }

    /** The rows of a file {@code caps --json} wrote; other lines (errors, blank) are skipped. */
    public static Map<String, Row> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConsoleException("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : lines) {
            if (!line.startsWith("{")) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (!node.path("type").asText().equals("capability")) {
                    continue;
                }
                JsonNode p = node.path("present");
                Object present = p.isBoolean() ? (Object) p.booleanValue() : "unknown";
                rows.put(node.path("name").asText(), new Row(node.path("name").asText(), node.path("kind").asText(),
                        node.path("since").asText(), present, node.path("how").asText(), node.path("detail").asText()));
            } catch (IOException e) {
                throw new ConsoleException(file + ": not a caps --json line: " + line);
            }
        }
        if (rows.isEmpty()) {
            throw new ConsoleException(file + " has no capability lines: write one with 'ringside caps --json > FILE'");
        }
        return rows;
    }

    /** Two tables side by side: the capabilities whose answer differs (and the kernel releases), named by where they came from. */
    public static List<String> diff(String leftName, Map<String, Row> left, String rightName, Map<String, Row> right) {
        List<String> out = new ArrayList<>();
        String lk = release(left);
        String rk = release(right);
        out.add("capabilities that differ: " + leftName + " (" + lk + ") vs " + rightName + " (" + rk + ")");
        Set<String> names = new LinkedHashSet<>(left.keySet());
        names.addAll(right.keySet());
        int width = names.stream().mapToInt(String::length).max().orElse(10);
        int differ = 0;
        for (String name : names) {
            Row a = left.get(name);
            Row b = right.get(name);
            if (a != null && b != null && (a.kind().equals("environment") || a.present().equals(b.present()))) {
                continue;
            }
            differ++;
            out.add(String.format("  %-" + width + "s  %-7s  %-7s  %s", name, a == null ? "(none)" : a.mark(), b == null ? "(none)" : b.mark(),
                    b != null ? b.how() + ": " + b.detail() : a.how() + ": " + a.detail()));
        }
        out.add(differ == 0 ? "no difference" : differ + " differ");
        return out;
    }

    private static String release(Map<String, Row> rows) {
        Row r = rows.get("kernel.release");
        return r == null ? "release unknown" : r.detail();
    }
}
