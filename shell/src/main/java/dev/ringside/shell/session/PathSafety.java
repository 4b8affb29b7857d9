package dev.ringside.shell.session;

import dev.ringside.shell.ConsoleException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files {@code file open} refuses outside unsafe mode: those that reach the JVM's own memory or
 * descriptors (/proc/self/mem, /proc/self/fd/*, /proc/self/map_files/*, for this pid or any of its
 * threads) and physical memory (/dev/mem, /dev/kmem, /dev/port), after resolving symlinks.
 */
public final class PathSafety {
    private PathSafety() {
    }

    private static final Set<String> PHYSICAL = Set.of("/dev/mem", "/dev/kmem", "/dev/port");
    /** /proc/PID or /proc/PID/task/TID, with what follows. */
    private static final Pattern OWN_PROC = Pattern.compile("/proc/(\\d+)(?:/task/\\d+)?(/.*)?");

    public static void checkOpen(Session session, String path) {
        if (session.unsafe()) {
            return;
        }
        Path given = Path.of(path).toAbsolutePath().normalize();
        String why = refused(resolved(given));
        if (why == null) {
            // the link of an fd that is a pipe or socket does not resolve: judge the name as given, self as our pid
            String self = Long.toString(ProcessHandle.current().pid());
            why = refused(given.toString().replaceFirst("^/proc/self(?=/|$)", "/proc/" + self)
                    .replaceFirst("^/proc/thread-self(?=/|$)", "/proc/" + self + "/task/0"));
        }
        if (why != null) {
            throw new ConsoleException("file open " + path + ": " + why + "; 'set unsafe on' to open it anyway", path);
        }
    }

    /** The path with every symlink resolved: the whole path when it exists, else its parent's. */
    private static String resolved(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            Path parent = p.getParent();
            try {
                return parent == null ? p.toString() : parent.toRealPath().resolve(p.getFileName()).toString();
            } catch (IOException again) {
                return p.toString();
            }
        }
    }

    private static String refused(String real) {
        if (PHYSICAL.contains(real)) {
            return real + " is physical memory";
        }
        Matcher m = OWN_PROC.matcher(real);
        String self = Long.toString(ProcessHandle.current().pid());
        if (!m.matches() || !m.group(1).equals(self) || m.group(2) == null) {
            return null;
        }
        String rest = m.group(2);
        if (rest.equals("/mem")) {
            return real + " is the console's own memory (the JVM's)";
        }
        if (rest.startsWith("/fd/") || rest.startsWith("/map_files/")) {
            return real + " reopens one of the JVM's own files";
        }
        return null;
    }

}
