package dev.ringside.shell.bench;

import dev.ringside.tracer.journal.Journal;
import dev.ringside.tracer.journal.JournalFile;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.trace.KernelTracer;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ringside bench CASE ...}: operations a second, cost per submit and per reap, batch latency
 * percentiles and heap bytes per operation of one workload on the console's own ring code;
 * bench/run puts it beside the same work done by liburing (bench/c/ringbench.c).
 */
public final class BenchCommand {
    private BenchCommand() {
    }

    public static int cli(List<String> args, PrintWriter out) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("ringside bench: " + e.getMessage() + "\n" + BenchOptions.USAGE);
            return 2;
        }
        Journal journal = options.journal() ? new Journal() : null;
        Optional<JournalFile> file = Optional.empty();
        if (options.journalFile().isPresent()) {
            try {
                file = Optional.of(JournalFile.open(options.journalFile().get(), out::println));
            } catch (java.io.IOException e) {
                out.println("ringside bench: cannot write " + options.journalFile().get() + ": " + e.getMessage());
                return 2;
            }
            file.get().attach(journal, "bench " + String.join(" ", args));
        }
        Optional<KernelTracer> tracer = Optional.empty();
        if (options.trace()) {
            tracer = KernelTracer.start(journal, List.of(), out::println);
            if (tracer.isEmpty()) {
                file.ifPresent(JournalFile::close);
                return 2;
            }
        }
        try {
            RingBench bench = new RingBench(options, journal);
            RingBench.Result result;
            try {
                result = bench.run();
            } finally {
                bench.close();
            }
            out.println(options.json() ? json(result) : text(result));
            return result.failed() == 0 ? 0 : 1;
        } catch (SyscallException e) {
            out.println("ringside bench: " + e.getMessage());
            return 2;
        } finally {
            tracer.ifPresent(KernelTracer::close);
            file.ifPresent(JournalFile::close);
            out.flush();
        }
    }

    static String text(RingBench.Result r) {
        BenchOptions o = r.options();
        return String.format(Locale.ROOT, "ringside %s batch=%d count=%d journal=%s trace=%s: %.0f ops/s, %.1f ns/op submit, "
                        + "%.1f ns/op reap, batch latency p50 %d ns p99 %d ns p99.9 %d ns, CPU %.1f ns/op user %.1f ns/op kernel, "
                        + "%.2f bytes/op allocated, %d enters%s",
                o.workload().word(), o.batch(), o.count(), onOff(o.journal()), onOff(o.trace()), r.opsPerSecond(),
                r.submitNanos(), r.reapNanos(), r.p50(), r.p99(), r.p999(), r.userNanos(), r.sysNanos(), r.bytesPerOp(), r.enters(),
                r.failed() == 0 ? "" : ", " + r.failed() + " CQEs failed");
    }

    /** One line, the keys bench/c/ringbench.c prints too, so bench/run reads both alike. */
    static String json(RingBench.Result r) {
        BenchOptions o = r.options();
        return String.format(Locale.ROOT, "{\"impl\":\"ringside\",\"case\":\"%s\",\"batch\":%d,\"count\":%d,\"journal\":%s,"
                        + "\"trace\":%s,\"ops_per_s\":%.0f,\"submit_ns_per_op\":%.2f,\"reap_ns_per_op\":%.2f,\"p50_ns\":%d,"
                        + "\"p99_ns\":%d,\"p999_ns\":%d,\"user_ns_per_op\":%.2f,\"sys_ns_per_op\":%.2f,\"bytes_per_op\":%.3f,\"enters\":%d,\"batches\":%d,\"failed\":%d}",
                o.workload().word(), o.batch(), o.count(), o.journal(), o.trace(), r.opsPerSecond(), r.submitNanos(),
                r.reapNanos(), r.p50(), r.p99(), r.p999(), r.userNanos(), r.sysNanos(), r.bytesPerOp(), r.enters(), r.batches(),
                r.failed());
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
