package dev.ringside.shell.script;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code fd=%r1}: a ring's fd as a value, for requests that name another ring (MSG_RING's target,
 * ATTACH_WQ's {@code wq=}). Only a whole value (after {@code =}) or a whole word is a reference.
 */
final class RingFdReferences {
    private static final Pattern REFERENCE = Pattern.compile("(^|=)%([A-Za-z_][A-Za-z0-9_]*)$");

    private RingFdReferences() {
    }

    static List<Token> expand(List<Token> tokens, Session session) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            if (t.text().indexOf('%') < 0) { // no reference can be in it: skip the pattern (every word of every line)
                out.add(t);
                continue;
            }
            Matcher m = REFERENCE.matcher(t.text());
            if (!m.find()) {
                out.add(t);
                continue;
            }
            int fd;
            try {
                fd = session.ring(m.group(2)).ring().fd();
            } catch (ConsoleException e) {
                throw new ConsoleException("%" + m.group(2) + " names no ring: " + e.getMessage(), t.column() + m.start(2) - 1);
            }
            out.add(new Token(t.text().substring(0, m.start(2) - 1) + fd, t.column(), t.quoted()));
        }
        return out;
    }
}
