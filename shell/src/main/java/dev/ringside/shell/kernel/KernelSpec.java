package dev.ringside.shell.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which kernel a {@code --kernel SPEC} names: the running one ({@code host}), a kernel image file, or a
 * Debian kernel by suite ({@code debian:sid}, {@code debian:experimental}) or by exact upstream version
 * ({@code 7.2.13} or {@code debian:7.2.13}).
 */
public sealed interface KernelSpec {
    /** How the spec reads in tables and messages. */
    String label();

    /** The kernel this process runs on: no VM. */
    record Host() implements KernelSpec {
        public String label() {
            return "host";
        }
    }

    /** A bootable image; its modules (9p) are looked for beside it (the {@code lib/modules/RELEASE/vmlinuz} layout). */
    record Image(Path image) implements KernelSpec {
        public String label() {
            return image.toString();
        }
    }

    /** A Debian kernel: by suite (newest there, resolved at fetch time) or by exact version in sid or experimental. */
    record Debian(String suite, String version) implements KernelSpec {
        public String label() {
            return "debian:" + (version.isEmpty() ? suite : version);
        }
    }

    List<String> SUITES = List.of("sid", "unstable", "experimental");
    Pattern VERSION = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?(-rc\\d+)?");

    /** One spec; a bad one gets a one-line reason as IllegalArgumentException. */
    static KernelSpec parse(String text) {
        String spec = text.strip();
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("--kernel: empty kernel spec (host, debian:sid, debian:experimental, a version like 7.2.13, or an image path)");
        }
        if (spec.equals("host")) {
            return new Host();
        }
        String debian = spec.startsWith("debian:") ? spec.substring("debian:".length()) : null;
        if (debian != null) {
            if (SUITES.contains(debian)) {
                return new Debian(debian.equals("unstable") ? "sid" : debian, "");
            }
            if (VERSION.matcher(debian).matches()) {
                return new Debian("", debian);
            }
            throw new IllegalArgumentException("--kernel " + spec + ": Debian kernels are debian:sid, debian:experimental or debian:VERSION (like debian:7.2.13)");
        }
        if (VERSION.matcher(spec).matches()) {
            return new Debian("", spec);
        }
        Path image = Path.of(spec);
        if (!Files.isRegularFile(image)) {
            throw new IllegalArgumentException("--kernel " + spec + ": no such kernel image (give host, debian:sid, debian:experimental, a version like 7.2.13, or an image path)");
        }
        return new Image(image.toAbsolutePath());
    }

    /** A comma-separated list such as {@code host,debian:sid}; each at most once. */
    static List<KernelSpec> parseList(String text) {
        List<KernelSpec> specs = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            KernelSpec spec = parse(part);
            if (specs.contains(spec)) {
                throw new IllegalArgumentException("--kernel: " + spec.label() + " is named twice");
            }
            specs.add(spec);
        }
        return List.copyOf(specs);
    }
}
