package dev.ringside.shell.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The guest's initramfs: a static busybox, the 9p modules and an /init that mounts the host's root
 * read-only over 9p, gives it proc, sys, devtmpfs, tracefs and tmpfs (/tmp /run /root /dev/shm),
 * brings lo up, chroots, runs the command with its output on the second serial port (ttyS1), then
 * prints {@value #EXIT_MARKER} with the status and powers off.
 */
public final class Initramfs {
    public static final String READY_MARKER = "ringside-vm: ready";
    public static final String EXIT_MARKER = "ringside-vm: exit ";
    static final String BUSYBOX = "/bin/busybox";

    private Initramfs() {
    }

    /** The archive for {@code command} run in {@code cwd} with {@code env}; modules load in the given order. */
    public static byte[] build(Path busybox, List<Path> modules, List<String> command, Path cwd, Map<String, String> env) throws IOException {
        return build(busybox, modules, command, cwd, env, List.of());
    }

    /** The tmpfs the guest puts on these directories would hide host files the command needs there. */
    static final List<String> TMPFS_DIRS = List.of("/tmp", "/run", "/root");

    /**
     * As above, with host paths that must stay visible though they lie under /tmp, /run or /root (a clone
     * in /tmp, its jars): the init bind-mounts them from the host's root back over the guest's tmpfs.
     */
    public static byte[] build(Path busybox, List<Path> modules, List<String> command, Path cwd, Map<String, String> env,
                               List<Path> keepVisible) throws IOException {
        Cpio cpio = new Cpio().directory("bin").directory("lib").directory("lib/modules")
                .directory("proc").directory("sys").directory("dev").directory("host")
                .file("bin/busybox", 0755, Files.readAllBytes(busybox));
        StringBuilder order = new StringBuilder();
        for (Path module : modules) {
            String name = module.getFileName().toString();
            cpio.file("lib/modules/" + name, 0644, Files.readAllBytes(module));
            order.append(name).append('\n');
        }
        cpio.file("modules.order", 0644, order.toString().getBytes());
        StringBuilder keep = new StringBuilder();
        for (Path path : keepVisible) {
            String p = path.toAbsolutePath().normalize().toString();
            if (TMPFS_DIRS.stream().anyMatch(d -> p.startsWith(d + "/")) && Files.isDirectory(path) && !p.contains("\n")) {
                keep.append(p).append('\n');
            }
        }
        cpio.file("keep.list", 0644, keep.toString().getBytes());
        cpio.file("init", 0755, INIT.getBytes());
        cpio.file("command.sh", 0755, commandScript(command, cwd, env).getBytes());
        return cpio.finish();
    }

    /** The host-side command as the guest's /bin/sh runs it after chroot. */
    static String commandScript(List<String> command, Path cwd, Map<String, String> env) {
        String exports = env.entrySet().stream().map(e -> "export " + e.getKey() + "=" + quote(e.getValue()))
                .collect(Collectors.joining("\n"));
        return "cd " + quote(cwd.toString()) + " || exit 2\n" + exports + "\n"
                + "exec " + command.stream().map(Initramfs::quote).collect(Collectors.joining(" ")) + "\n";
    }

    /** One shell word: single quotes, an embedded ' as '\''. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static final String INIT = """
            #!/bin/busybox sh
            B=/bin/busybox
            $B mount -t proc proc /proc
            $B mount -t sysfs sys /sys
            $B mount -t devtmpfs dev /dev
            out=/dev/ttyS1
            fail() { echo "ringside-vm: $*" > $out; echo "%s" 125 > $out; $B poweroff -f; }
            for m in $($B cat /modules.order); do
                $B insmod /lib/modules/$m || fail "cannot load $m"
            done
            $B mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose host /host || fail "cannot mount the host's root over 9p"
            $B mkdir -p /lower && $B mount --bind /host /lower
            $B mount -t proc proc /host/proc
            $B mount -t sysfs sys /host/sys
            $B mount -t devtmpfs dev /host/dev
            $B mount -t tracefs tracefs /host/sys/kernel/tracing 2>/dev/null
            for d in /tmp /run /root; do $B mount -t tmpfs -o mode=1777 tmpfs /host$d; done
            while read -r keep; do
                $B mkdir -p "/host$keep" && $B mount --bind "/lower$keep" "/host$keep"
            done < /keep.list
            $B mkdir -p /host/dev/shm && $B mount -t tmpfs -o mode=1777 tmpfs /host/dev/shm
            $B mkdir -p /host/dev/pts && $B mount -t devpts devpts /host/dev/pts
            $B ip link set lo up 2>/dev/null || $B ifconfig lo 127.0.0.1 up
            $B cp /command.sh /host/run/ringside-command.sh
            $B stty -F $out -onlcr raw 2>/dev/null
            echo "ringside-vm: the guest runs Linux $($B uname -r)" > $out
            echo "%s" > $out
            $B chroot /host /bin/sh /run/ringside-command.sh < /dev/null > $out 2>&1
            status=$?
            echo "%s$status" > $out
            $B sync
            $B poweroff -f
            """.formatted(EXIT_MARKER.strip(), READY_MARKER, EXIT_MARKER);
}
