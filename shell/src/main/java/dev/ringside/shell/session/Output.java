package dev.ringside.shell.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringside.decoders.flags.FlagSet;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Where commands put what they show. In text mode, the human text; with {@code --json}, one JSON
 * object a line per result, its {@code "type"} first, and no human text at all, so the stream feeds jq.
 * Commands hand over records; camelCase components become snake_case keys, null ones are left out.
 */
public final class Output {
    /**
     * Made at the first --json result, not at start-up: building a mapper is a tenth of a script run's start. Every
     * use of Jackson is in here, so that verifying Output (at every start) loads none of Jackson's classes.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);

        static String line(String type, Object record) {
            ObjectNode node = MAPPER.createObjectNode().put("type", type);
            node.setAll((ObjectNode) MAPPER.valueToTree(record));
            try {
                return MAPPER.writeValueAsString(node);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a tree of strings and numbers always serialises", e);
            }
        }
    }

    private final PrintWriter out;
    /** Read by the kernel trace reader's thread too, which may show a kernel event while a --json command runs. */
    private volatile boolean json;
    /** ringside run --quiet: the commands' text is left out (errors, failures and verdicts are not printed here). */
    private volatile boolean quiet;

    public Output(PrintWriter out) {
        this.out = out;
    }

    /** Whether results go out as JSON lines (the command was given --json). */
    public boolean json() {
        return json;
    }

    public void json(boolean on) {
        json = on;
    }

    /** Leaves the commands' text out from now on ({@code ringside run --quiet}); JSON results still print. */
    public void quiet(boolean on) {
        quiet = on;
    }

    /**
     * Whether {@link #result} prints anything (JSON, or text when not quiet): a command may leave out making a
     * result nobody sees (ringside run --quiet; a script's loop makes one each pass).
     */
    public boolean printsResults() {
        return json || !quiet;
    }

    /** Whether {@link #text} prints: neither JSON mode nor quiet. */
    public boolean printsText() {
        return !json && !quiet;
    }

    /** Human text, one or more lines; left out in JSON mode, where the results carry the data. */
    public void text(String text) {
        if (!json) {
            print(text);
        }
    }

    /** One result: its text, or in JSON mode the record as one line {@code {"type": type, ...}}. */
    public void result(String type, Object record, String text) {
        if (json) {
            out.println(line(type, record));
        } else {
            print(text);
        }
    }

    /** The record as one JSON line with {@code type} first. */
    public static String line(String type, Object record) {
        return Json.line(type, record);
    }

    /** A u64 as JSON wants it: never negative. */
    public static Number unsigned(long value) {
        return value >= 0 ? value : new BigInteger(Long.toUnsignedString(value));
    }

    /** The names of the set bits, {@code []} for none: what {@code A|B} says, as a list. */
    public static List<String> names(FlagSet set, long value) {
        return value == 0 ? List.of() : Arrays.asList(set.format(value).split("\\|"));
    }

    private void print(String text) {
        if (quiet) {
            return;
        }
        if (text.endsWith("\n")) {
            out.print(text);
        } else {
            out.println(text);
        }
    }
}
