package dev.ringside.shell.command.sys;

import dev.ringside.shell.session.Resources;
import dev.ringside.shell.session.Session;

/** A console fd as commands take it: {@code $p.w} (as SQE fields write it) or {@code p.w}. */
public final class FdWords {
    private FdWords() {
    }

    public static Resources.ConsoleFd fd(Session session, String word) {
        return session.resources().fd(word.startsWith("$") ? word.substring(1) : word);
    }
}
