package dev.ringside.tracer.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tracepoint's {@code format} file: its field names and its {@code print fmt}, turned into a pattern
 * that reads the text trace_pipe prints back into fields by name. Reading names, not positions, is what
 * lets old and new kernels both work (io_uring_submit_req was io_uring_submit_sqe before 6.3; fields move).
 *
 * @param name      the event, e.g. {@code io_uring_complete}
 * @param fields    the fields the format file declares, without the common_ ones
 * @param printed   the print fmt's arguments, in order: the field each conversion prints
 */
public record EventFormat(String name, List<String> fields, List<String> printed, Pattern pattern) {
    private static final Pattern FIELD = Pattern.compile("^\\s*field:.*?([A-Za-z_][A-Za-z0-9_]*)(?:\\[[^]]*])?;\\s*offset:", Pattern.MULTILINE);
    private static final Pattern CONVERSION = Pattern.compile("%[-+ #0]*\\d*(?:\\.\\d+)?(?:hh|h|ll|l|z|j|t|L)?[diouxXcsp]");
    private static final Pattern ARG_FIELD = Pattern.compile("REC->([A-Za-z_][A-Za-z0-9_]*)|__get_str\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    public static EventFormat parse(String name, String formatFile) {
        List<String> fields = new ArrayList<>();
        Matcher f = FIELD.matcher(formatFile);
        while (f.find()) {
            if (!f.group(1).startsWith("common_")) {
                fields.add(f.group(1));
            }
        }
        int at = formatFile.indexOf("print fmt:");
        if (at < 0) {
            throw new IllegalArgumentException(name + ": format file has no 'print fmt:'");
        }
        String print = formatFile.substring(at + "print fmt:".length()).trim();
        int open = print.indexOf('"');
        int close = closingQuote(print, open);
        String fmt = print.substring(open + 1, close).replace("\\\"", "\"").replace("\\n", "");
        List<String> args = splitTopLevel(print.substring(close + 1));
        List<String> printed = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        Matcher c = CONVERSION.matcher(fmt);
        int last = 0;
        int index = 0;
        while (c.find()) {
            regex.append(Pattern.quote(fmt.substring(last, c.start())));
            // the last conversion takes the rest of the line; the others stop at the next literal text
            regex.append(c.group().endsWith("s") ? "(.*?)" : "(\\S*?)");
            String arg = index < args.size() ? args.get(index) : "";
            Matcher a = ARG_FIELD.matcher(arg);
            printed.add(a.find() ? (a.group(1) != null ? a.group(1) : a.group(2)) : "arg" + index);
            index++;
            last = c.end();
        }
        regex.append(Pattern.quote(fmt.substring(last).stripTrailing())).append("\\s*$");
        return new EventFormat(name, List.copyOf(fields), List.copyOf(printed), Pattern.compile(regex.toString()));
    }

    /** The fields of one printed event by name ({@code 0x} kept where the format prints it), empty when it does not match. */
    public Optional<Map<String, String>> read(String text) {
        Matcher m = pattern.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < printed.size(); i++) {
            String value = m.group(i + 1);
            int start = m.start(i + 1);
            boolean hex = start >= 2 && text.startsWith("0x", start - 2);
            values.putIfAbsent(printed.get(i), hex ? "0x" + value : value);
        }
        return Optional.of(values);
    }

    private static int closingQuote(String text, int open) {
        for (int i = open + 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == '"') {
                return i;
            }
        }
        throw new IllegalArgumentException("print fmt has no closing quote: " + text);
    }

    /** {@code , REC->a, f(REC->b, 1), REC->c} -> the three arguments. */
    private static List<String> splitTopLevel(String text) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && (ch == '(' || ch == '[' || ch == '{')) {
                depth++;
            } else if (!quoted && (ch == ')' || ch == ']' || ch == '}')) {
                depth--;
            } else if (!quoted && depth == 0 && ch == ',') {
                if (!current.toString().isBlank()) {
                    args.add(current.toString().trim());
                }
                current.setLength(0);
                continue;
            }
            current.append(ch);
        }
        if (!current.toString().isBlank()) {
            args.add(current.toString().trim());
        }
        return args;
    }
}
