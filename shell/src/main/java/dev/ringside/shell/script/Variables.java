package dev.ringside.shell.script;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.References;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables of a script or console session ({@code let NAME=VALUE}) and their expansion in
 * the words of a line: {@code $NAME} and {@code ${NAME}}. A dotted reference {@code $NAME.MEMBER} (also
 * {@code $7.res}, {@code $0x10.res}: a user_data) is asked of the session's {@link References}; one they do
 * not know ({@code $pipe.r}, an fd) is left as typed. {@code $((EXPR))} is replaced by the value of the
 * {@link Arithmetic} expression, its variables expanded first.
 */
public final class Variables {
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** $NAME, ${NAME}, or $NAME.more (a dotted reference; a nested struct member too: $st.stx_mtime.tv_sec). */
    private static final Pattern REFERENCE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*)(\\.[A-Za-z0-9_]+(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)?"
            + "|(0[xX][0-9a-fA-F]+|[0-9]+)(\\.[A-Za-z_][A-Za-z0-9_]*))");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final References references;

    public Variables() {
        this(new References());
    }

    /** Variables whose dotted references ({@code $cqe.res}) are asked of {@code references}. */
    public Variables(References references) {
        this.references = references;
    }

    public void set(String name, String value) {
        if (!NAME.matcher(name).matches()) {
            throw new ConsoleException("'" + name + "' is not a variable name: use letters, digits and _, not starting with a digit", name);
        }
        values.put(name, value);
    }

    public void remove(String name) {
        values.remove(name);
    }

    public Map<String, String> all() {
        return Collections.unmodifiableMap(values);
    }

    /** Every word with its variables replaced; an undefined one is an error at its column. */
    public List<Token> expand(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            out.add(t.text().indexOf('$') < 0 ? t : new Token(expand(t.text(), t.column()), t.column(), t.quoted()));
        }
        return out;
    }

    /**
     * The end (exclusive) of the {@code $((EXPR))} that starts at {@code start}, its parentheses balanced;
     * -1 when they never close.
     */
    public static int arithmeticEnd(String text, int start) {
        int depth = 0;
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return text.charAt(i - 1) == ')' && i - start >= 4 ? i + 1 : -1;
            }
        }
        return -1;
    }

    /** The word with its $((EXPR)) evaluated and its variables and references replaced. */
    private String expand(String word, int column) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at = word.indexOf("$(("); at >= 0; at = word.indexOf("$((", from)) {
            int end = arithmeticEnd(word, at);
            if (end < 0) {
                throw new ConsoleException("$(( without its matching )): write $((EXPR))", column + at);
            }
            out.append(references(word.substring(from, at), column + from));
            String typed = word.substring(at + 3, end - 2);
            String expression = references(typed, column + at + 3);
            try {
                out.append(Arithmetic.evaluate(expression));
            } catch (Arithmetic.Failure f) {
                // exact column when the expression is as typed; else the $(( it came from
                throw new ConsoleException("$((" + expression + ")): " + f.getMessage(),
                        column + at + (expression.equals(typed) ? 3 + f.offset() : 0));
            }
            from = end;
        }
        return out.append(references(word.substring(from), column + from)).toString();
    }

    private String references(String word, int column) {
        if (word.indexOf('$') < 0) {
            return word;
        }
        Matcher m = REFERENCE.matcher(word);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (m.group(3) != null || m.group(4) != null) {
                String name = m.group(3) != null ? m.group(2) : m.group(4);
                String member = (m.group(3) != null ? m.group(3) : m.group(5)).substring(1);
                String resolved;
                try {
                    resolved = references.resolve(name, member).orElse(m.group());
                } catch (ConsoleException e) {
                    throw e.column() >= 0 ? e : new ConsoleException(e.getMessage(), column + m.start());
                }
                m.appendReplacement(out, Matcher.quoteReplacement(resolved));
                continue;
            }
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = values.get(name);
            if (value == null) {
                throw new ConsoleException("undefined variable $" + name + (values.isEmpty()
                        ? "; define it with 'let " + name + "=VALUE'"
                        : "; defined: " + String.join(", ", values.keySet())), column + m.start());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
