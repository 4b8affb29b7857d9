package dev.ringside.shell.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code trace latency [--json]}: per opcode, log2 histograms (bpftrace's {@code hist()} buckets, in us)
 * of submission to CQE (the kernel's {@code complete}, so only with kernel tracing) and CQE to reap;
 * without kernel events, submission to reap. Read from the journal, so a file and a live session agree.
 */
public final class TraceLatency {
    /** Bar width of bpftrace's hist. */
    private static final int BAR = 52;

    private TraceLatency() {
    }

    /** What one histogram measures. */
    public enum Stage {
        SUBMIT_TO_CQE("submission to CQE (kernel complete)"),
        CQE_TO_REAP("CQE to reap"),
        SUBMIT_TO_REAP("submission to reap (no kernel events)");

        final String title;

        Stage(String title) {
            this.title = title;
        }

        public String key() {
            return name().toLowerCase();
        }
    }

    /** One opcode's samples of one stage, in ns. */
    public record Histogram(String opcode, Stage stage, List<Long> nanos) {
        /** bpftrace's bucket of a value: 0 for 0, 1 for 1, then k for [2^(k-1), 2^k). */
        static int bucket(long micros) {
            return micros <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(micros);
        }

        /** Lower bound (us) of bucket k. */
        static long low(int k) {
            return k == 0 ? 0 : 1L << (k - 1);
        }

        long[] counts() {
            long[] counts = new long[65];
            nanos.forEach(n -> counts[bucket(n / 1000)]++);
            return counts;
        }
    }

    /** Every opcode's histograms, opcodes by name, stages in order; empty stages left out. */
    public static List<Histogram> of(Timeline timeline) {
        Map<String, Map<Stage, List<Long>>> samples = new TreeMap<>();
        for (Timeline.Ring ring : timeline.rings()) {
            for (Timeline.Request r : ring.requests()) {
                if (!r.finished()) {
                    continue;
                }
                Map<Stage, List<Long>> byStage = samples.computeIfAbsent(r.opcode, o -> new TreeMap<>());
                long completed = r.completed();
                if (completed >= 0) {
                    byStage.computeIfAbsent(Stage.SUBMIT_TO_CQE, s -> new ArrayList<>()).add(Math.max(0, completed - r.submitted()));
                    byStage.computeIfAbsent(Stage.CQE_TO_REAP, s -> new ArrayList<>()).add(Math.max(0, r.reaped() - completed));
                } else {
                    byStage.computeIfAbsent(Stage.SUBMIT_TO_REAP, s -> new ArrayList<>()).add(Math.max(0, r.reaped() - r.submitted()));
                }
            }
        }
        List<Histogram> out = new ArrayList<>();
        samples.forEach((opcode, stages) -> stages.forEach((stage, list) -> out.add(new Histogram(opcode, stage, list))));
        return out;
    }

    /** {@code ringside trace latency JOURNAL.jsonl [--json]}: 0 when printed, 2 when the file cannot be read. */
    public static int cli(List<String> args, PrintWriter out) {
        List<String> files = args.stream().filter(a -> !a.equals("--json")).toList();
        if (files.size() != 1 || files.getFirst().startsWith("-")) {
            out.println("usage: ringside trace latency JOURNAL.jsonl [--json]");
            return 2;
        }
        try {
            List<Histogram> histograms = of(Timeline.of(Path.of(files.getFirst()))); // streamed: no tree per hot line
            if (args.contains("--json")) {
                histograms.forEach(h -> out.println(json(h)));
            } else {
                out.print(text(histograms));
                out.flush();
            }
        } catch (IllegalArgumentException e) {
            out.println("ringside trace latency: " + e.getMessage());
            return 2;
        }
        return 0;
    }

    /** bpftrace's layout: {@code @TIMEOUT, submission to CQE (us):} then {@code [512, 1K)   1 |@@@...|}. */
    public static String text(List<Histogram> histograms) {
        if (histograms.isEmpty()) {
            return "no completed requests in the journal\n";
        }
        StringBuilder out = new StringBuilder();
        for (Histogram h : histograms) {
            long[] counts = h.counts();
            int lowest = 0;
            while (counts[lowest] == 0) {
                lowest++;
            }
            int highest = counts.length - 1;
            while (counts[highest] == 0) {
                highest--;
            }
            long max = 0;
            for (long c : counts) {
                max = Math.max(max, c);
            }
            out.append('@').append(h.opcode()).append(", ").append(h.stage().title).append(" (us), ")
                    .append(h.nanos().size()).append(h.nanos().size() == 1 ? " request" : " requests").append(":\n");
            for (int k = lowest; k <= highest; k++) {
                int width = (int) (counts[k] * BAR / max);
                out.append(String.format("%-20s %8d |%-" + BAR + "s|%n", range(k), counts[k], "@".repeat(width)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** {@code [0]}, {@code [1]}, {@code [2, 4)}, {@code [1K, 2K)}, {@code [1M, 2M)} as bpftrace prints them. */
    static String range(int k) {
        if (k <= 1) {
            return "[" + k + "]";
        }
        return "[" + human(Histogram.low(k)) + ", " + human(Histogram.low(k + 1)) + ")";
    }

    private static String human(long n) {
        String[] suffix = {"", "K", "M", "G", "T", "P", "E"};
        int i = 0;
        while (n >= 1024 && n % 1024 == 0) {
            n /= 1024;
            i++;
        }
        return n + suffix[i];
    }

    /** One histogram as {@code --json} prints it: its samples' range and the non-empty buckets (us, from inclusive, to exclusive). */
    public static ObjectNode json(Histogram h) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("type", "latency").put("opcode", h.opcode()).put("stage", h.stage().key()).put("unit", "us")
                .put("count", h.nanos().size())
                .put("min_ns", h.nanos().stream().mapToLong(Long::longValue).min().orElse(0))
                .put("max_ns", h.nanos().stream().mapToLong(Long::longValue).max().orElse(0));
        ArrayNode buckets = node.putArray("buckets");
        long[] counts = h.counts();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                buckets.addObject().put("from", Histogram.low(k)).put("to", k == 0 ? 1 : Histogram.low(k + 1))
                        .put("count", counts[k]);
            }
        }
        return node;
    }
}
