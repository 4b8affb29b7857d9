package dev.ringside.shell;

import java.io.PrintWriter;
import java.util.List;

/**
 * The launcher's AOT training run (JDK 25, {@code -XX:AOTCacheOutput}): the ways ringside is started, each once, so
 * the cache holds their classes, linked call sites and method profiles. A run journaled to a file, one with
 * {@code --no-journal} (the session's spool instead: what bench/run and most tests use), one {@code --quiet}, one
 * {@code -c}, and the usage. Exits 0 only when every script passed; the launcher keeps no cache otherwise.
 */
public final class AotTraining {
    private AotTraining() {
    }

    /** {@code args[0]}: the journal file of the journaled run (the launcher removes it). Run from the project directory. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        List<String> scripts = List.of("examples/hello.iou", "bin/aot-training.iou");
        // a plain `ringside run FILE` journals to the default location: its naming is trained with a directory of our own
        // (not when $RINGSIDE_JOURNAL names the user's own location: nothing of the training goes there)
        String userLocation = System.getenv("RINGSIDE_JOURNAL");
        int worst = userLocation == null || userLocation.isEmpty()
                ? runInDefaultLocation(List.of("run", "examples/hello.iou"), out) : 0;
        worst = Math.max(worst, Main.run(concat(List.of("run", "--journal", args[0]), scripts), out));
        worst = Math.max(worst, Main.run(concat(List.of("run", "--no-journal"), scripts), out));
        worst = Math.max(worst, Main.run(List.of("run", "--no-journal", "--quiet", "bin/aot-training.iou"), out));
        worst = Math.max(worst, Main.run(List.of("-c", "ring create; sqe nop user_data=1; submit wait=1; expect cqe user_data=1 res=0"), out));
        Main.run(List.of("--help"), out);
        out.flush();
        System.exit(worst == 0 ? 0 : 1);
    }

    /** A run journaled where no --journal was given, with {@code ringside.journal.dir} a fresh directory, removed after. */
    private static int runInDefaultLocation(List<String> args, PrintWriter out) {
        java.nio.file.Path dir;
        try {
            dir = java.nio.file.Files.createTempDirectory("ringside-aot-journal-");
        } catch (java.io.IOException e) {
            out.println("ringside: AOT training cannot make a directory: " + e.getMessage());
            return 2;
        }
        System.setProperty("ringside.journal.dir", dir.toString());
        try {
            return Main.run(args, out);
        } finally {
            System.clearProperty("ringside.journal.dir");
            try (var files = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path file : files.toList()) {
                    java.nio.file.Files.deleteIfExists(file);
                }
                java.nio.file.Files.deleteIfExists(dir);
            } catch (java.io.IOException e) {
                out.println("ringside: AOT training left " + dir + ": " + e.getMessage());
            }
        }
    }

    private static List<String> concat(List<String> head, List<String> tail) {
        return java.util.stream.Stream.concat(head.stream(), tail.stream()).toList();
    }
}
