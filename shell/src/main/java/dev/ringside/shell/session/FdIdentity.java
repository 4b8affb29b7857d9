package dev.ringside.shell.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What each console fd was when the console made it (its /proc/self/fd link: {@code pipe:[123]}),
 * so a number closed behind the console's back (a CLOSE SQE) and reused by the JVM for its own
 * file is no longer taken for the console's.
 */
public final class FdIdentity {
    private FdIdentity() {
    }

    private static final Map<Session, Map<Integer, String>> KNOWN = new WeakHashMap<>();
    private static final String RING = "anon_inode:[io_uring]";

    /** Called where the console opens an fd. */
    public static synchronized void remember(Session session, int fd) {
        KNOWN.computeIfAbsent(session, s -> new HashMap<>()).put(fd, link(fd));
    }

    /** Whether {@code fd} is still the file the console opened under that number (a ring fd: still a ring). */
    static synchronized boolean unchanged(Session session, int fd, boolean ring) {
        String now = link(fd);
        if (now == null) {
            return false;
        }
        if (ring) {
            return now.equals(RING);
        }
        String then = KNOWN.getOrDefault(session, Map.of()).get(fd);
        return then == null || then.equals(now);
    }

    private static String link(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
