package dev.ringside.tracer.trace;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Where tracefs is, mounting it when root and it is not (the usual /sys/kernel/tracing mount point),
 * and the console's own instances in it ({@code instances/ringside-<pid>}): never the global buffer.
 */
public final class Tracefs {
    public static final Path MOUNT_POINT = Path.of("/sys/kernel/tracing");
    /** Every instance ringside makes is named so, so that a later start can tell a dead console's from others'. */
    public static final String INSTANCE_PREFIX = "ringside-";

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle MOUNT = LINKER.downcallHandle(LINKER.defaultLookup().find("mount").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle GETEUID = LINKER.downcallHandle(LINKER.defaultLookup().find("geteuid").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT));

    private Tracefs() {
    }

    public static boolean root() {
        try {
            return (int) GETEUID.invokeExact() == 0;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall geteuid failed", t);
        }
    }

    /** Whether tracefs is mounted at {@link #MOUNT_POINT} (its instances/ directory exists). */
    public static boolean mounted() {
        return Files.isDirectory(MOUNT_POINT.resolve("instances"));
    }

    /**
     * The tracefs root, mounting it first when it is not mounted and we are root ({@code say} gets one
     * line about that); empty with why when there is none.
     */
    public static Result<Path> locate(Consumer<String> say) {
        if (mounted()) {
            return Result.of(MOUNT_POINT);
        }
        if (!root()) {
            return Result.none("kernel tracing needs root (" + MOUNT_POINT + " is not mounted, or only root may use it)");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int result = (int) MOUNT.invokeExact(state, arena.allocateFrom("nodev"), arena.allocateFrom(MOUNT_POINT.toString()),
                    arena.allocateFrom("tracefs"), 0L, MemorySegment.NULL);
            if (result != 0) {
                int errno = (int) ERRNO.get(state, 0L);
                return Result.none("tracefs is not mounted and mount -t tracefs nodev " + MOUNT_POINT + " failed: "
                        + dev.ringside.decoders.values.Errno.of(errno).map(Enum::name).orElse("errno " + errno));
            }
        } catch (Throwable t) {
            return Result.none("tracefs is not mounted and mounting it failed: " + t.getMessage());
        }
        say.accept("ringside: mounted tracefs at " + MOUNT_POINT + " (it was not mounted)");
        return mounted() ? Result.of(MOUNT_POINT) : Result.none("tracefs mounted at " + MOUNT_POINT + " but has no instances/");
    }

    /** The ringside-PID instances of consoles no longer running, removed; their names returned. */
    public static List<String> removeStale(Path root) {
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> instances = Files.newDirectoryStream(root.resolve("instances"), INSTANCE_PREFIX + "*")) {
            for (Path instance : instances) {
                String suffix = instance.getFileName().toString().substring(INSTANCE_PREFIX.length());
                long pid;
                try {
                    pid = Long.parseLong(suffix.contains("-") ? suffix.substring(0, suffix.indexOf('-')) : suffix);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).isEmpty()) {
                    try {
                        Files.delete(instance);
                        removed.add(instance.getFileName().toString());
                    } catch (IOException e) {
                        // still in use or not ours to remove: the next start tries again
                    }
                }
            }
        } catch (IOException e) {
            // no instances/ to clean
        }
        return removed;
    }

    /** The names in instances/ now. */
    public static List<String> instances(Path root) throws IOException {
        try (var list = Files.list(root.resolve("instances"))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A value, or why there is none. */
    public record Result<T>(Optional<T> value, String why) {
        static <T> Result<T> of(T value) {
            return new Result<>(Optional.of(value), "");
        }

        static <T> Result<T> none(String why) {
            return new Result<>(Optional.empty(), why);
        }
    }
}
