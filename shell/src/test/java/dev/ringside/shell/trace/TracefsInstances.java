package dev.ringside.shell.trace;

import dev.ringside.tracer.trace.Tracefs;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;

/**
 * What {@link TracefsInstancesFirstTest} saw in {@code instances/} when the suite began, for
 * {@link TracefsInstancesLastTest} to compare with when it ends (junit-platform.properties orders classes by @Order).
 */
final class TracefsInstances {
    static volatile Set<String> atStart;

    private TracefsInstances() {
    }

    static List<String> ringside() throws IOException {
        return Tracefs.instances(Tracefs.MOUNT_POINT).stream().filter(n -> n.startsWith(Tracefs.INSTANCE_PREFIX)).toList();
    }

    /** The pid an instance is named after ({@code ringside-PID} or {@code ringside-PID-N}), -1 if none. */
    static long pid(String instance) {
        String rest = instance.substring(Tracefs.INSTANCE_PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean available() {
        return Tracefs.root() && Files.isDirectory(Tracefs.MOUNT_POINT.resolve("instances"));
    }
}
