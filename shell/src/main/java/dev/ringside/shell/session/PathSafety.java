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
        String why = why(Path.of(path).toAbsolutePath());
        if (why != null) {
            throw new ConsoleException("file open " + path + ": " + why + "; 'set unsafe on' to open it anyway", path);
        }
    }

    /** Why opening this path would reach the JVM's memory or fds, or null when it would not. */
    static String why(Path path) {
        Path given = path.normalize();
        String why = refused(resolved(given));
        return why != null ? why : refused(selfAsPid(given.toString()));
    }

    /**
     * Why a symlink to {@code target} would lead there: anywhere under this process's /proc
     * directory (a later lookup may go on to mem or fd/N through it), /dev/fd, or physical memory.
     */
    static String whyLinkTarget(Path target) {
        String real = selfAsPid(resolved(target.normalize()));
        String text = selfAsPid(target.normalize().toString());
        String self = "/proc/" + ProcessHandle.current().pid();
        for (String p : new String[] {real, text}) {
            if (p.equals(self) || p.startsWith(self + "/") || p.equals("/dev/fd") || p.startsWith("/dev/fd/")
                    || PHYSICAL.contains(p)) {
                return "a link to " + p + " leads into the console's own memory or fds";
            }
        }
        return null;
    }

    /** The link of an fd that is a pipe or socket does not resolve: judge the name as given, self as our pid. */
    private static String selfAsPid(String path) {
        String self = Long.toString(ProcessHandle.current().pid());
        return path.replaceFirst("^/proc/self(?=/|$)", "/proc/" + self)
                .replaceFirst("^/proc/thread-self(?=/|$)", "/proc/" + self + "/task/0");
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
