package dev.ringside.shell.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringside.decoders.codec.CqeCodec;
import dev.ringside.decoders.values.Errno;
import dev.ringside.decoders.values.Values;
import dev.ringside.tracer.journal.JournalJson;
import dev.ringside.tracer.journal.JournalReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ringside trace show FILE [FILTER...]}: a journal file read back and printed a line per event,
 * time-ordered within each session (the kernel's events are read a little after they happen, so the file
 * has them slightly late). A FILTER word is a type (or part of one: {@code kernel}, {@code cqe}) or
 * {@code FIELD=VALUE} ({@code user_data=2}, {@code ring=r0}, {@code name=complete}); every word must match.
 */
public final class TraceShow {
    private TraceShow() {
    }

    /** 0 when the file was read (also when its last line was torn), 2 when it cannot be. */
    public static int cli(List<String> args, PrintWriter out) {
        if (args.isEmpty() || args.getFirst().startsWith("-")) {
            out.println("usage: ringside trace show JOURNAL.jsonl [TYPE|FIELD=VALUE...]");
            return 2;
        }
        try {
            print(Path.of(args.getFirst()), args.subList(1, args.size()), out);
        } catch (IllegalArgumentException e) {
            out.println("ringside trace show: " + e.getMessage());
            return 2;
        }
        return 0;
    }

    /** @throws IllegalArgumentException with a one-line message when the file cannot be read */
    public static JournalReader.Contents read(Path file) {
        try {
            return JournalReader.read(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no file " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * How far an event may sit after later ones in the file and still print in time order: the kernel's
     * events arrive a tick late, a few thousand at most. Only this many events are held, so a journal of
     * any size prints in constant memory.
     */
    static final int REORDER_WINDOW = 1 << 16;

    /** Reads and prints {@code file} in one streaming pass. */
    public static void print(Path file, List<String> filter, PrintWriter out) {
        Printer printer = new Printer(filter, out);
        JournalReader.Summary summary;
        try {
            summary = JournalReader.stream(file, printer::raw, printer::line);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no file " + file);
        } catch (IOException e) {
            printer.writePending(); // what was read before the failure
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        printer.flush();
        printer.notes(summary.schema(), summary.problems(), summary.torn());
    }

    public static void print(JournalReader.Contents contents, List<String> filter, PrintWriter out) {
        Printer printer = new Printer(filter, out);
        contents.lines().forEach(printer::line);
        printer.flush();
        printer.notes(contents.schema(), contents.problems(), contents.torn());
    }

    /** Output gathered in chunks of this many chars: the caller's writer may flush at every println. */
    private static final int CHUNK = 1 << 16;

    /** Prints events as they come, time-ordered within a session through a bounded window. */
    private static final class Printer {
        private final List<String> filter;
        private final PrintWriter out;
        /** Held events by time, then by line (the file's order among equal times): a tree, or a hot line's text. */
        private final ReorderWindow<Object> window = new ReorderWindow<>();
        private final HotLineParser hot = new HotLineParser();
        private final StringBuilder scratch = new StringBuilder(128);
        /** The last texts made of a negative result, CQE flags and enter reason: a journal repeats them. */
        private long lastResult = 1;
        private String lastResultText = "";
        private int lastFlags = -1;
        private String lastFlagsText = "";
        private String lastReason = "";
        private String lastReasonText = "";
        private final StringBuilder pending = new StringBuilder(CHUNK + 1024);
        private boolean schemaNoted;

        Printer(List<String> filter, PrintWriter out) {
            this.filter = filter;
            this.out = out;
        }

        private void println(String text) {
            pending.append(text).append(System.lineSeparator());
            if (pending.length() >= CHUNK) {
                writePending();
            }
        }

        private void writePending() {
            out.write(pending.toString());
            pending.setLength(0);
        }

        void line(JournalReader.Line line) {
            String type = line.type();
            if (!schemaNoted) {
                schemaNoted = true;
                Optional<Integer> schema = type.equals(JournalJson.HEADER_TYPE) ? Optional.of(line.json().path("schema").asInt())
                        : Optional.empty();
                noteSchema(schema);
            }
            if (type.equals(JournalJson.HEADER_TYPE) || type.equals(JournalJson.SESSION_TYPE)) {
                flush();
                println(type.equals(JournalJson.HEADER_TYPE)
                        ? "journal of pid " + line.json().path("pid").asText() + ", started " + line.json().path("started").asText()
                        : "session " + line.json().path("label").asText());
                return;
            }
            window.add(line.json().path("at").asLong(), line.number(), line.json());
            if (window.size() > REORDER_WINDOW) {
                emit(window.poll());
            }
        }

        /**
         * A hot line (cqe_reaped, submitted, entered in the journal's own shape) formatted from its bytes, as
         * {@link TraceShow#line} formats its tree; false for any other line, and for all when filtering.
         */
        boolean raw(int number, byte[] bytes, int from, int to) {
            if (!schemaNoted || !filter.isEmpty() || !hot.parse(bytes, from, to)) {
                return false;
            }
            window.add(hot.at, number, hotLine());
            if (window.size() > REORDER_WINDOW) {
                emit(window.poll());
            }
            return true;
        }

        private String hotLine() {
            StringBuilder text = scratch;
            text.setLength(0);
            millis(text, hot.at);
            int ring = pad(text, 12).append(' ').length();
            text.append(hot.ring);
            pad(text, ring + 4).append(' ');
            switch (hot.kind) {
                case CQE_REAPED -> {
                    text.append("cqe user_data=").append(Long.toUnsignedString(hot.userData)).append(" res=");
                    result(text, hot.res).append(" flags=");
                    if ((int) hot.flags != lastFlags) {
                        lastFlags = (int) hot.flags;
                        lastFlagsText = CqeCodec.formatFlags(Integer.toUnsignedLong(lastFlags));
                    }
                    text.append(lastFlagsText);
                }
                case SUBMITTED -> text.append("submitted pending=").append(hot.pending).append(" submitted=")
                        .append(hot.submitted);
                case ENTERED -> {
                    if (!hot.reason.equals(lastReason)) {
                        lastReason = hot.reason;
                        lastReasonText = hot.reason.toLowerCase();
                    }
                    text.append("io_uring_enter ").append(lastReasonText).append(" to_submit=").append(hot.toSubmit)
                            .append(" min_complete=").append(hot.minComplete).append(" flags=0x")
                            .append(Integer.toHexString((int) hot.flags)).append(" = ");
                    result(text, hot.result).append(" in ").append(Values.formatDurationNanos(hot.nanos));
                }
            }
            return text.toString();
        }

        /** What {@link Errno#describeResult} writes. */
        private StringBuilder result(StringBuilder text, long res) {
            if (res >= 0) {
                return text.append(res);
            }
            if (res != lastResult) {
                lastResult = res;
                lastResultText = Errno.describeResult(res);
            }
            return text.append(lastResultText);
        }

        void flush() {
            while (!window.isEmpty()) {
                emit(window.poll());
            }
        }

        private void emit(Object held) {
            if (held instanceof String text) {
                println(text);
            } else if (held instanceof JsonNode json && matches(json, filter)) {
                println(TraceShow.line(json));
            }
        }

        private void noteSchema(Optional<Integer> schema) {
            if (schema.isEmpty()) {
                println("note: no schema line first: not a ringside journal, or its start is missing");
            } else if (schema.get() != JournalJson.SCHEMA_VERSION) {
                println("note: journal schema " + schema.get() + ", this ringside reads "
                        + JournalJson.SCHEMA_VERSION + "; fields may be missing");
            }
        }

        void notes(Optional<Integer> schema, List<String> problems, Optional<String> torn) {
            if (!schemaNoted) {
                noteSchema(schema);
            }
            problems.forEach(p -> println("note: " + p));
            torn.ifPresent(t -> println("note: " + t));
            writePending();
            out.flush();
        }
    }

    static boolean matches(JsonNode event, List<String> filter) {
        for (String word : filter) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                if (!event.path("type").asText().contains(word) && !event.path("name").asText().equals(word)) {
                    return false;
                }
                continue;
            }
            String field = word.substring(0, eq);
            String wanted = word.substring(eq + 1);
            JsonNode value = event.has(field) ? event.get(field) : event.path("fields").path(field);
            if (value.isMissingNode() || !sameValue(value.asText(), wanted)) {
                return false;
            }
        }
        return true;
    }

    /** {@code 2} matches {@code 0x2} (the kernel prints user_data in hex). */
    private static boolean sameValue(String have, String wanted) {
        if (have.equals(wanted)) {
            return true;
        }
        try {
            return Values.parseLong(have) == Values.parseLong(wanted);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code +1.234ms r0 cqe user_data=1 res=-125 ECANCELED flags=0}. */
    public static String line(JsonNode e) {
        StringBuilder text = new StringBuilder(96);
        millis(text, e.path("at").asLong());
        int ring = pad(text, 12).append(' ').length();
        text.append(e.path("ring").asText(""));
        return pad(text, ring + 4).append(' ').append(body(e)).toString();
    }

    /** {@code +1.235ms}: what {@code String.format("+%.3fms", nanos / 1e6)} prints (half up), without a Formatter. */
    static void millis(StringBuilder text, long nanos) {
        if (nanos < 0 || nanos >= 1_000_000_000_000_000L) {
            text.append(String.format("+%.3fms", nanos / 1e6));
            return;
        }
        long micros = nanos / 1000 + (nanos % 1000 >= 500 ? 1 : 0);
        long fraction = micros % 1000;
        text.append('+').append(micros / 1000).append('.');
        if (fraction < 100) {
            text.append(fraction < 10 ? "00" : "0");
        }
        text.append(fraction).append("ms");
    }

    /** Spaces up to {@code width} chars, as {@code %-Ns} left-justifies. */
    private static StringBuilder pad(StringBuilder text, int width) {
        while (text.length() < width) {
            text.append(' ');
        }
        return text;
    }

    private static String body(JsonNode e) {
        return switch (e.path("type").asText()) {
            case "command_ran" -> "> " + e.path("line").asText() + (e.path("succeeded").asBoolean() ? "" : "   (stopped)");
            case "sqe_assigned" -> "sqe " + e.path("opcode").asText() + assignments(e.path("assignments"));
            case "sqe_queued" -> "sqe written: " + e.path("opcode").asText() + " user_data="
                    + Long.toUnsignedString(e.path("user_data").asLong()) + " bytes=" + e.path("bytes").asText();
            case "cqe_reaped" -> "cqe user_data=" + Long.toUnsignedString(e.path("user_data").asLong()) + " res="
                    + Errno.describeResult(e.path("res").asInt()) + " flags="
                    + CqeCodec.formatFlags(Integer.toUnsignedLong(e.path("flags").asInt()));
            case "entered" -> "io_uring_enter " + e.path("reason").asText().toLowerCase() + " to_submit="
                    + e.path("to_submit").asInt() + " min_complete=" + e.path("min_complete").asInt() + " flags=0x"
                    + Integer.toHexString(e.path("flags").asInt()) + " = " + Errno.describeResult(e.path("result").asLong())
                    + " in " + Values.formatDurationNanos(e.path("nanos").asLong());
            case "kernel_event" -> kernel(e);
            case "register_called" -> registerCalled(e);
            case "kernel_events_lost" -> "kernel: cpu " + e.path("cpu").asInt() + " lost " + e.path("overrun").asLong()
                    + " events (trace buffer overrun)";
            case "note" -> "note: " + e.path("text").asText();
            case "header_shown" -> e.path("which").asText() + " header (" + e.path("shown_by").asText() + "):"
                    + numbers(e.path("fields"));
            case "cqe_seen" -> "cqe seen, not reaped (" + e.path("shown_by").asText() + "): user_data="
                    + Long.toUnsignedString(e.path("user_data").asLong()) + " res=" + Errno.describeResult(e.path("res").asInt())
                    + " flags=" + CqeCodec.formatFlags(Integer.toUnsignedLong(e.path("flags").asInt()));
            default -> generic(e);
        };
    }

    /** {@code io_uring_register IORING_REGISTER_FILES fd 17 nr_args 2 = 0 in 98us: int[2] [18, 19]}, decoded by the register catalogue. */
    private static String registerCalled(JsonNode e) {
        long number = e.path("opcode").asLong();
        var op = dev.ringside.decoders.register.RegisterOpcodes.byNumber(number);
        StringBuilder text = new StringBuilder("io_uring_register ").append(op.map(o -> o.cName()).orElse("opcode " + number))
                .append(" fd ").append(e.path("fd").asInt()).append(" nr_args ").append(Integer.toUnsignedString(e.path("nr").asInt()))
                .append(" = ").append(Errno.describeResult(e.path("result").asLong()))
                .append(" in ").append(Values.formatDurationNanos(e.path("nanos").asLong()));
        String in = e.path("arg_in").asText("");
        if (op.isPresent() && !in.isEmpty()) {
            var decoded = dev.ringside.decoders.codec.RegisterArgDecoder.decode(op.get().arg(),
                    java.lang.foreign.MemorySegment.ofArray(java.util.HexFormat.of().parseHex(in)),
                    dev.ringside.decoders.catalog.Catalog.builtin(), address -> "");
            if (!decoded.isEmpty()) {
                text.append(": ").append(dev.ringside.decoders.render.TextRenderer.oneLine(decoded.getFirst()));
            }
        }
        if (!in.equals(e.path("arg_out").asText(""))) {
            text.append("   (the kernel wrote back ").append(e.path("arg_out").asText()).append(')');
        }
        return text.toString();
    }

    private static String kernel(JsonNode e) {
        StringBuilder text = new StringBuilder("kernel ").append(e.path("name").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = e.path("fields").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("ctx")) {
                text.append(' ').append(field.getKey()).append('=').append(field.getValue().asText());
            }
        }
        if (!e.path("note").asText("").isEmpty()) {
            text.append("   (").append(e.path("note").asText()).append(')');
        }
        return text.append("   [").append(e.path("comm").asText()).append('-').append(e.path("tid").asInt()).append(']')
                .toString();
    }

    private static String numbers(JsonNode fields) {
        StringBuilder text = new StringBuilder();
        fields.fields().forEachRemaining(f -> text.append(' ').append(f.getKey()).append('=').append(f.getValue().asText()));
        return text.toString();
    }

    private static String assignments(JsonNode list) {
        StringBuilder text = new StringBuilder();
        list.forEach(a -> text.append(' ').append(a.path("field").asText()).append('=').append(a.path("text").asText()));
        return text.toString();
    }

    private static String generic(JsonNode e) {
        StringBuilder text = new StringBuilder(e.path("type").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("type") || field.getKey().equals("at") || field.getKey().equals("ring")) {
                continue;
            }
            text.append(' ').append(field.getKey()).append('=').append(field.getValue().isValueNode()
                    ? field.getValue().asText() : field.getValue().toString());
        }
        return text.toString();
    }
}
