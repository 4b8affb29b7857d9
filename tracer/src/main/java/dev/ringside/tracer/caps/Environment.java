package dev.ringside.tracer.caps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** The rows of the system around io_uring: sysctls, limits, the kernel config, tracefs and BTF. */
final class Environment {
    private Environment() {
    }

    static final Path DISABLED = Path.of("/proc/sys/kernel/io_uring_disabled");
    static final Path GROUP = Path.of("/proc/sys/kernel/io_uring_group");

    static List<Capability> rows() {
        List<Capability> rows = new ArrayList<>();
        rows.add(row("kernel.release", "the running kernel (uname -r)",
                k -> Answer.present("uname(2) as os.version", k.release().text())));
        rows.add(row("io_uring_disabled", "sysctl kernel.io_uring_disabled: 0 all may create rings, 1 only io_uring_group and CAP_SYS_ADMIN, 2 nobody",
                k -> read(DISABLED).map(v -> Answer.of(!v.equals("2"), "read " + DISABLED, v))
                        .orElseGet(() -> Answer.unknown("read " + DISABLED, "absent (a kernel before 6.6 has no such sysctl)"))));
        rows.add(row("io_uring_group", "sysctl kernel.io_uring_group: the group allowed when io_uring_disabled is 1 (-1: none)",
                k -> read(GROUP).map(v -> Answer.present("read " + GROUP, v))
                        .orElseGet(() -> Answer.unknown("read " + GROUP, "absent"))));
        rows.add(row("RLIMIT_MEMLOCK", "the locked-memory limit (ring memory is accounted against it before 5.12)", k -> memlock()));
        rows.add(row("CONFIG_IO_URING", "the kernel's build configuration: CONFIG_IO_URING* from /proc/config.gz or /boot/config-RELEASE",
                k -> config(k.release().text())));
        rows.add(row("tracefs", "the io_uring tracepoints under tracefs, for trace on",
                k -> tracefs()));
        rows.add(row("btf", "the kernel's type information (/sys/kernel/btf/vmlinux), for kernel-internal flags and the BPF event loop",
                k -> k.btf().map(b -> Answer.present("parse " + Btf.VMLINUX, b.structs().size() + " structs"))
                        .orElseGet(() -> Answer.absent("parse " + Btf.VMLINUX, "missing or unreadable"))));
        rows.add(row("req_flags", "the REQ_F_* bits trace decodes req flags with: the running kernel's BTF enum, else a table by release",
                k -> {
                    dev.ringside.decoders.kernel.ReqFlags.Choice c = dev.ringside.decoders.kernel.ReqFlags.forKernel(
                            k.btf().map(Btf::enumerators), k.release().text());
                    return Answer.of(c.exact(), k.btf().isPresent() ? "REQ_F_*_BIT enumerators in " + Btf.VMLINUX : "by uname release",
                            c.note());
                }));
        return rows;
    }

    private static Capability row(String name, String summary, Capability.Trial trial) {
        return new Capability(name, Capability.Kind.ENVIRONMENT, "-", summary, trial);
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Answer memlock() {
        Path limits = Path.of("/proc/self/limits");
        return read(limits).flatMap(text -> text.lines().filter(l -> l.startsWith("Max locked memory")).findFirst())
                .map(line -> {
                    String[] words = line.substring("Max locked memory".length()).trim().split("\\s+");
                    return Answer.present("read " + limits, "soft " + words[0] + ", hard " + words[1]
                            + (words.length > 2 ? " " + words[2] : ""));
                })
                .orElseGet(() -> Answer.unknown("read " + limits, "no Max locked memory line"));
    }

    private static Answer config(String release) {
        Path gz = Path.of("/proc/config.gz");
        Path boot = Path.of("/boot/config-" + release);
        String text = null;
        Path from = null;
        try {
            if (Files.isReadable(gz)) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    from = gz;
                }
            } else if (Files.isReadable(boot)) {
                text = Files.readString(boot);
                from = boot;
            }
        } catch (IOException e) {
            return Answer.unknown("read " + gz + " or " + boot, e.getMessage());
        }
        if (text == null) {
            return Answer.unknown("read " + gz + " or " + boot, "neither exists");
        }
        List<String> lines = text.lines().filter(l -> l.startsWith("CONFIG_IO_URING") || l.startsWith("# CONFIG_IO_URING")).toList();
        boolean on = lines.contains("CONFIG_IO_URING=y");
        return Answer.of(on, "read " + from, lines.isEmpty() ? "no CONFIG_IO_URING lines" : String.join(", ", lines));
    }

    private static Answer tracefs() {
        for (Path root : List.of(Path.of("/sys/kernel/tracing"), Path.of("/sys/kernel/debug/tracing"))) {
            Path events = root.resolve("events/io_uring");
            if (Files.isDirectory(events)) {
                boolean writable = Files.isWritable(root.resolve("instances"));
                return Answer.of(writable, "look at " + events, writable ? "io_uring events, instances writable"
                        : "io_uring events readable, instances not writable (needs root)");
            }
        }
        return Answer.absent("look at /sys/kernel/tracing/events/io_uring", "tracefs not mounted or no io_uring events");
    }
}
