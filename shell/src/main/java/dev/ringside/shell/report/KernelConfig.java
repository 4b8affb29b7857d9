package dev.ringside.shell.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The running kernel's configuration lines that matter to an io_uring report: io_uring itself and
 * the debugging options that change what a bug looks like (KASAN, lockdep, ...), from
 * /proc/config.gz or else /boot/config-RELEASE; where neither is readable, one line says so.
 */
public final class KernelConfig {
    /** The options a maintainer asks about first. */
    static final Pattern RELEVANT = Pattern.compile(
            "^(# )?CONFIG_(IO_URING\\w*|IO_WQ|KASAN|PROVE_LOCKING|LOCKDEP|DEBUG_KERNEL|PREEMPT\\w*|NET_RX_BUSY_POLL|BPF_SYSCALL)[= ].*");

    private KernelConfig() {
    }

    /** Where the lines came from (without the host's paths) and the lines. */
    public record Lines(String source, List<String> lines) {
        public Lines {
            lines = List.copyOf(lines);
        }
    }

    public static Lines running(String release) {
        Path proc = Path.of("/proc/config.gz");
        if (Files.isReadable(proc)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(proc))) {
                return new Lines("/proc/config.gz", relevant(in));
            } catch (IOException e) {
                // fall through to /boot
            }
        }
        Path boot = Path.of("/boot/config-" + release);
        if (Files.isReadable(boot)) {
            try (InputStream in = Files.newInputStream(boot)) {
                return new Lines("/boot/config-" + release, relevant(in));
            } catch (IOException e) {
                return new Lines("none", List.of());
            }
        }
        return new Lines("none", List.of());
    }

    private static List<String> relevant(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (RELEVANT.matcher(line).matches()) {
                out.add(line);
            }
        }
        return out;
    }
}
