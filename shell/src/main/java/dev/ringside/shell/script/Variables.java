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
 * the words of a line: {@code $NAME} and {@code ${NAME}}. A dotted reference {@code $NAME.MEMBER} is
 * asked of the session's {@link References}; one they do not know ({@code $pipe.r}, an fd) is left as typed.
 */
public final class Variables {
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** $NAME, ${NAME}, or $NAME.more (a dotted reference). */
    private static final Pattern REFERENCE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*)(\\.[A-Za-z0-9_]+)?)");

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
            out.add(t.text().indexOf('$') < 0 ? t : new Token(expand(t.text(), t.column()), t.column()));
        }
        return out;
    }

    private String expand(String word, int column) {
        Matcher m = REFERENCE.matcher(word);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (m.group(3) != null) {
                String resolved = references.resolve(m.group(2), m.group(3).substring(1)).orElse(m.group());
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
