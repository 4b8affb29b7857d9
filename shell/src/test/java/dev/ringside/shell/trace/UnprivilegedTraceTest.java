package dev.ringside.shell.trace;

import dev.ringside.shell.Main;
import dev.ringside.tracer.journal.JournalReader;
import dev.ringside.tracer.trace.Tracefs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code --trace} as an unprivileged user (setpriv to nobody): one line says why, the console's own side is journaled. */
class UnprivilegedTraceTest {
    @Test
    void withoutRootTracingIsOneLineAndTheConsolesOwnEventsAreStillJournaled() throws Exception {
        assumeTrue(Tracefs.root(), "needs root to become nobody (setpriv)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed");
        // nobody cannot read root's ~/.m2 or the build's temp dirs: a world-readable copy of the classpath
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "ringside-nobody");
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            List<String> classpath = new ArrayList<>();
            int n = 0;
            for (Path entry : classpath()) {
                Path copy = dir.resolve("cp" + n++ + (Files.isDirectory(entry) ? "" : ".jar"));
                copyTree(entry, copy);
                classpath.add(copy.toString());
            }
            Path script = Files.writeString(dir.resolve("t.iou"), "ring create\nsqe nop user_data=1\nsubmit wait=1\n");
            Path journal = dir.resolve("j.jsonl");
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.toList()) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
                }
            }
            Process console = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                    "-cp", String.join(":", classpath), Main.class.getName(), "run", "--trace", journal.toString(), script.toString())
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(console.getInputStream().readAllBytes());
            assertTrue(console.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, console.exitValue(), out);
            assertEquals(1, out.lines().filter(l -> l.startsWith("ringside: no kernel trace: kernel tracing needs root")).count(), out);
            JournalReader.Contents contents = JournalReader.read(journal);
            assertTrue(contents.lines().stream().anyMatch(l -> l.type().equals("cqe_reaped")), contents.toString());
            assertTrue(contents.lines().stream().noneMatch(l -> l.type().startsWith("kernel")), contents.toString());
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The test JVM's classpath; surefire may hand it over as a manifest-only jar. */
    private static List<Path> classpath() throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(":")) {
            Path path = Path.of(entry);
            if (path.getFileName().toString().startsWith("surefirebooter")) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    for (String url : jar.getManifest().getMainAttributes().getValue("Class-Path").split(" ")) {
                        if (!url.isBlank()) {
                            entries.add(Path.of(URI.create(url)));
                        }
                    }
                }
            } else {
                entries.add(path);
            }
        }
        return entries;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.copy(from, to);
            return;
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
