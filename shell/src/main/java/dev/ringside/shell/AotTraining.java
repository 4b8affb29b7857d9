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
        int worst = Main.run(concat(List.of("run", "--journal", args[0]), scripts), out);
        worst = Math.max(worst, Main.run(concat(List.of("run", "--no-journal"), scripts), out));
        worst = Math.max(worst, Main.run(List.of("run", "--no-journal", "--quiet", "bin/aot-training.iou"), out));
        worst = Math.max(worst, Main.run(List.of("-c", "ring create; sqe nop user_data=1; submit wait=1; expect cqe user_data=1 res=0"), out));
        Main.run(List.of("--help"), out);
        out.flush();
        System.exit(worst == 0 ? 0 : 1);
    }

    private static List<String> concat(List<String> head, List<String> tail) {
        return java.util.stream.Stream.concat(head.stream(), tail.stream()).toList();
    }
}
