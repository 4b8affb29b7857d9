package dev.ringside.tracer.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a journal file back as JSON trees, one per line. A journal cut short by a kill may end in a
 * torn line (no newline, or not JSON): that is reported in {@link Contents#torn}, not thrown.
 */
public final class JournalReader {
    private JournalReader() {
    }

    /** One parsed line and its 1-based number in the file. */
    public record Line(int number, JsonNode json) {
        public String type() {
            return json.path("type").asText("");
        }
    }

    /**
     * @param lines    every line that parsed, in file order
     * @param schema   the schema version of the first line, empty when the file does not start with one
     * @param torn     what is wrong with the last line, when it was cut short
     * @param problems lines before the last that did not parse (a journal written by two processes at once)
     */
    public record Contents(List<Line> lines, Optional<Integer> schema, Optional<String> torn, List<String> problems) {
    }

    public static Contents read(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        List<Line> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Optional<String> torn = Optional.empty();
        String[] raw = text.split("\n", -1);
        // the text ends in "\n" when the last write was whole: then the last element is ""
        int count = raw.length;
        for (int i = 0; i < count; i++) {
            String line = raw[i];
            boolean last = i == count - 1;
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode json = JournalJson.mapper().readTree(line);
                if (last) {
                    torn = Optional.of("line " + (i + 1) + " has no newline: the journal was cut short while writing it");
                }
                lines.add(new Line(i + 1, json));
            } catch (JsonProcessingException e) {
                String what = "line " + (i + 1) + " is not JSON (" + line.length() + " bytes)";
                if (last) {
                    torn = Optional.of(what + ": the journal was cut short while writing it");
                } else {
                    problems.add(what);
                }
            }
        }
        Optional<Integer> schema = lines.isEmpty() || !lines.getFirst().type().equals(JournalJson.HEADER_TYPE)
                ? Optional.empty() : Optional.of(lines.getFirst().json().path("schema").asInt());
        return new Contents(lines, schema, torn, problems);
    }
}
