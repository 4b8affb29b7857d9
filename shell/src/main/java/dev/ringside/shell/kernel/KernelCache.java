package dev.ringside.shell.kernel;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fetches Debian kernels into {@code ~/.cache/ringside/kernels/RELEASE/} with {@code apt-get download}
 * and a private sources list (the system's apt configuration and /usr/lib/modules stay untouched),
 * keeping only the image and the four 9p modules; a cached release is not downloaded again.
 */
public final class KernelCache {
    /** The 9p stack in load order: the guest mounts the host's root with it. */
    static final List<String> NINE_P_MODULES = List.of(
            "kernel/fs/netfs/netfs.ko", "kernel/net/9p/9pnet.ko", "kernel/net/9p/9pnet_virtio.ko", "kernel/fs/9p/9p.ko");
    private static final Pattern IMAGE_DEPENDS = Pattern.compile("Depends: linux-image-(\\S+-amd64)");

    private final Path root;
    private final PrintWriter log;

    public KernelCache(Path root, PrintWriter log) {
        this.root = root;
        this.log = log;
    }

    /** {@code $XDG_CACHE_HOME/ringside/kernels} or {@code ~/.cache/ringside/kernels}. */
    public static Path defaultRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("ringside").resolve("kernels");
    }

    /** The kernel a non-host spec names, fetched if needed. Failures are one-line KernelUnavailable. */
    public GuestKernel resolve(KernelSpec spec) {
        return switch (spec) {
            case KernelSpec.Host host -> throw new IllegalArgumentException("the host kernel needs no VM");
            case KernelSpec.Image image -> fromImage(image);
            case KernelSpec.Debian debian -> fromDebian(debian);
        };
    }

    private GuestKernel fromImage(KernelSpec.Image spec) {
        Path dir = spec.image().getParent();
        String release = BzImage.release(spec.image()).orElse(dir == null ? "unknown" : dir.getFileName().toString());
        List<Path> modules = new ArrayList<>();
        if (dir != null && Files.exists(dir.resolve("modules").resolve("9p.ko"))) {
            // this cache's own layout: RELEASE/vmlinuz beside RELEASE/modules/*.ko
            NINE_P_MODULES.forEach(m -> modules.add(dir.resolve("modules").resolve(Path.of(m).getFileName())));
            return new GuestKernel(spec.label(), release, spec.image(), modules);
        }
        // a kernel unpacked as lib/modules/RELEASE/vmlinuz has its 9p modules beside it; elsewhere 9p must be built in
        boolean modulesBeside = dir != null
                && (Files.exists(dir.resolve(NINE_P_MODULES.getLast() + ".xz")) || Files.exists(dir.resolve(NINE_P_MODULES.getLast())));
        if (modulesBeside) {
            Path unpacked = root.resolve("image-modules").resolve(Integer.toHexString(spec.image().toString().hashCode()));
            for (String module : NINE_P_MODULES) {
                modules.add(plainModule(dir, module, unpacked));
            }
        }
        return new GuestKernel(spec.label(), release, spec.image(), modules);
    }

    private GuestKernel fromDebian(KernelSpec.Debian spec) {
        String aptName = spec.version().isEmpty() ? spec.suite() : "all";
        Path apt = root.resolve("apt").resolve(aptName);
        String release;
        try {
            updateLists(apt, spec.version().isEmpty() ? List.of(spec.suite()) : List.of("sid", "experimental"));
            release = spec.version().isEmpty() ? newestIn(apt) : exactIn(apt, spec.version());
            Files.writeString(apt.resolve("resolved"), release + "\n");
        } catch (KernelUnavailable e) {
            // offline: the release this spec resolved to last time, when it is still cached
            Path resolved = apt.resolve("resolved");
            Optional<String> last = readFirstLine(resolved).filter(r -> Files.exists(root.resolve(r).resolve("complete")));
            if (last.isEmpty()) {
                throw e;
            }
            log.println("ringside: " + e.getMessage() + "; using the cached " + last.get());
            release = last.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path dir = root.resolve(release);
        if (!Files.exists(dir.resolve("complete"))) {
            download(apt, release, dir);
        }
        List<Path> modules = NINE_P_MODULES.stream().map(m -> dir.resolve("modules").resolve(Path.of(m).getFileName())).toList();
        return new GuestKernel(spec.label(), release, dir.resolve("vmlinuz"), modules);
    }

    private void updateLists(Path apt, List<String> suites) throws IOException {
        Files.createDirectories(apt.resolve("lists").resolve("partial"));
        Files.createDirectories(apt.resolve("cache").resolve("archives").resolve("partial"));
        String mirror = DebianMirror.find().orElseThrow(() -> new KernelUnavailable(
                "no Debian mirror in /etc/apt/sources.list{,.d/} to fetch kernels from (set RINGSIDE_DEBIAN_MIRROR)"));
        StringBuilder sources = new StringBuilder();
        for (String suite : suites) {
            sources.append("deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ").append(mirror).append(' ').append(suite).append(" main\n");
        }
        Files.writeString(apt.resolve("sources.list"), sources.toString());
        log.println("ringside: reading Debian's package lists (" + String.join(", ", suites) + ")");
        run(apt, null, 300, aptCommand("apt-get", apt, "-qq", "update"));
    }

    private String newestIn(Path apt) {
        String depends = run(apt, null, 60, aptCommand("apt-cache", apt, "depends", "linux-image-amd64"));
        Matcher m = IMAGE_DEPENDS.matcher(depends);
        if (!m.find()) {
            throw new KernelUnavailable("Debian's linux-image-amd64 names no kernel in " + apt.getFileName());
        }
        return m.group(1);
    }

    private String exactIn(Path apt, String version) {
        String names = run(apt, null, 60, aptCommand("apt-cache", apt, "pkgnames", "linux-binary-"));
        return pickRelease(names, version)
                .orElseThrow(() -> new KernelUnavailable("Debian serves no Linux " + version + " for amd64 in sid or experimental any more"));
    }

    /** The newest generic amd64 release of {@code version} among package names, one a line. */
    static Optional<String> pickRelease(String packageNames, String version) {
        Pattern name = Pattern.compile("linux-binary-(" + Pattern.quote(version) + "[+.~-]\\S*?-amd64)");
        return packageNames.lines().map(String::strip).map(name::matcher).filter(Matcher::matches).map(x -> x.group(1))
                .filter(r -> !r.contains("-cloud-") && !r.contains("-rt-")) // cloud has no 9p; rt is another scheduler
                .max(KernelCache::compareReleases);
    }

    /** By their numbers in order, so 7.2.13 is newer than 7.2.9. */
    static int compareReleases(String a, String b) {
        String[] x = a.split("\\D+");
        String[] y = b.split("\\D+");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].isEmpty() && !y[i].isEmpty() && !x[i].equals(y[i])) {
                return Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private void download(Path apt, String release, Path dir) {
        log.println("ringside: downloading Linux " + release + " from Debian into " + dir);
        try {
            Path work = Files.createDirectories(root.resolve("download-" + release));
            run(apt, work, 900, aptCommand("apt-get", apt, "-qq", "download", "linux-binary-" + release, "linux-modules-" + release));
            Path unpacked = work.resolve("unpacked");
            for (Path deb : list(work, ".deb")) {
                List<String> wanted = new ArrayList<>();
                wanted.add("./usr/lib/modules/" + release + "/vmlinuz");
                NINE_P_MODULES.forEach(m -> wanted.add("./usr/lib/modules/" + release + "/" + m + ".xz"));
                Files.createDirectories(unpacked);
                // only the image and 9p: the whole modules package unpacks to hundreds of MiB
                List<String> tar = new ArrayList<>(List.of("sh", "-c", "dpkg-deb --fsys-tarfile \"$0\" | tar -x -C \"$1\" --ignore-failed-read \"$@\" 2>/dev/null; true", deb.toString(), unpacked.toString()));
                tar.addAll(wanted);
                run(apt, work, 300, tar);
            }
            Path modules = unpacked.resolve("usr/lib/modules").resolve(release);
            if (!Files.exists(modules.resolve("vmlinuz"))) {
                throw new KernelUnavailable("the Debian packages of " + release + " hold no usr/lib/modules/" + release + "/vmlinuz");
            }
            Path tmp = root.resolve(release + ".partial");
            deleteTree(tmp);
            Files.createDirectories(tmp.resolve("modules"));
            Files.copy(modules.resolve("vmlinuz"), tmp.resolve("vmlinuz"));
            for (String module : NINE_P_MODULES) {
                plainModule(modules, module, tmp.resolve("modules"));
            }
            Files.writeString(tmp.resolve("complete"), release + "\n");
            deleteTree(dir);
            Files.move(tmp, dir);
            deleteTree(work);
        } catch (IOException e) {
            throw new KernelUnavailable("cannot unpack " + release + ": " + e.getMessage());
        }
    }

    /** The module uncompressed into {@code into}: busybox insmod reads plain ELF only. */
    private Path plainModule(Path modulesDir, String module, Path into) {
        Path plain = into.resolve(Path.of(module).getFileName());
        try {
            Files.createDirectories(into);
            if (Files.exists(modulesDir.resolve(module))) {
                Files.copy(modulesDir.resolve(module), plain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else if (Files.exists(modulesDir.resolve(module + ".xz"))) {
                run(into, null, 60, List.of("sh", "-c", "xz -dc \"$0\" > \"$1\"", modulesDir.resolve(module + ".xz").toString(), plain.toString()));
            } else {
                throw new KernelUnavailable("the kernel has no " + module + " (needed to mount the host's root over 9p)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return plain;
    }

    private static List<String> aptCommand(String tool, Path apt, String... args) {
        List<String> command = new ArrayList<>(List.of(tool,
                "-o", "Dir::Etc::SourceList=" + apt.resolve("sources.list"),
                "-o", "Dir::Etc::SourceParts=/nonexistent",
                "-o", "Dir::State::Lists=" + apt.resolve("lists"),
                "-o", "Dir::Cache=" + apt.resolve("cache"),
                "-o", "Dir::State::status=/dev/null",
                "-o", "APT::Architecture=amd64",
                "-o", "Acquire::Languages=none",
                "-o", "APT::Sandbox::User=root"));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs a tool, returns its output; a failure is a one-line KernelUnavailable with the tool's last line. */
    private static String run(Path dir, Path cwd, int timeoutSeconds, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (cwd != null) {
                builder.directory(cwd.toFile());
            }
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new KernelUnavailable(command.getFirst() + " took longer than " + timeoutSeconds + " s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                String last = text.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("exit " + process.exitValue());
                throw new KernelUnavailable(command.getFirst() + " failed: " + last.strip());
            }
            return text;
        } catch (IOException e) {
            throw new KernelUnavailable("cannot run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelUnavailable("interrupted while running " + command.getFirst());
        }
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static Optional<String> readFirstLine(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().findFirst().map(String::strip) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
