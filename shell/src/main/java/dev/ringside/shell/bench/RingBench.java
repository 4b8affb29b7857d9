package dev.ringside.shell.bench;

import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Journal;
import dev.ringside.tracer.ring.CompletionQueue;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.RingConfig;
import dev.ringside.tracer.sys.SyscallException;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * One bench run on the console's own {@link Ring}: SQEs taken with {@link Ring#nextSqe}, published by
 * {@link Ring#submit}, waited for with {@link Ring#waitFor} and reaped with {@link CompletionQueue#reap(CompletionQueue.Sink)},
 * the calls the console's sqe / submit / wait commands make. With the journal on, the ring records its enters
 * and submits and every CQE is journaled as the console journals it ({@link Event.CqeReaped}, one time per reap),
 * the CQEs of one reap in one call ({@link Journal#recordCqesReaped}).
 * A throughput phase reads no clock inside the loop; a latency phase times every batch.
 */
final class RingBench implements CompletionQueue.Sink {
    private static final long WAIT_NANOS = 5_000_000_000L;
    private static final BooleanSupplier NEVER = () -> false;
    /** At most this many batch latencies are kept (a ring buffer beyond): 8 MiB. */
    private static final int MAX_SAMPLES = 1 << 20;
    /** Operations per round of the steady-state warm-up, at most. */
    private static final long WARM_ROUND_OPS = 200_000;
    private static final int WARM_ROUNDS = 30;
    /** Two rounds whose rates differ by at most this fraction are steady. */
    private static final double STEADY = 0.05;

    private final BenchOptions options;
    private final Ring ring;
    private final Journal journal;
    private final Workload.Prepared work;
    private long reaped;
    /** When the current reap began: the time of each CQE it reaps, as the console stamps them. */
    private long reapedAt;
    private long failed;
    /** A 0 ns timeout answers -ETIME (62): its success; every other case's is 0 or more. */
    private final int expectedError;
    /** The CQEs of the current reap, journaled together after it ({@link Journal#recordCqesReaped}): one reap at most fills the CQ ring. */
    private final long[] userDatas;
    private final int[] results;
    private final int[] cqeFlags;
    private int gathered;
    /** Batches run, all phases: the enters of a NOP bench are one per batch. */
    private long batchesRun;

    RingBench(BenchOptions options, Journal journal) throws SyscallException {
        this.options = options;
        this.journal = journal;
        // twice the batch, as liburing's queue_init(batch * 2) in ringbench.c
        this.ring = Ring.create(RingConfig.of(Math.max(2, Integer.highestOneBit(options.batch() * 2 - 1) << 1), 0),
                journal, "bench");
        this.work = options.workload().prepare(ring, options.batch());
        this.expectedError = options.workload() == Workload.TIMEOUT ? -62 : 0;
        int most = journal == null ? 0 : ring.cqEntries();
        this.userDatas = new long[most];
        this.results = new int[most];
        this.cqeFlags = new int[most];
    }

    /** Small enough (under 35 bytes of bytecode) that C2 inlines it into the reap loop however cold it judges the call. */
    @Override
    public void completion(int position, long userData, int res, int flags) {
        reaped++;
        if (res < 0 || journal != null) {
            note(userData, res, flags);
        }
    }

    /** A failure counted, and with a journal the CQE kept for its cqe_reaped line. */
    private void note(long userData, int res, int flags) {
        if (res < 0 && res != expectedError) {
            failed++;
        }
        if (journal != null) {
            userDatas[gathered] = userData;
            results[gathered] = res;
            cqeFlags[gathered] = flags;
            gathered++;
        }
    }

    private void reap() {
        if (journal == null) {
            ring.cq().reap(this);
            return;
        }
        reapedAt = journal.now();
        gathered = 0;
        ring.cq().reap(this);
        journal.recordCqesReaped(reapedAt, "bench", userDatas, results, cqeFlags, gathered);
    }

    /** One batch: write, submit, wait for all of it, reap. */
    private void batch(long userData) throws SyscallException {
        batchesRun++;
        int batch = options.batch();
        work.beforeBatch();
        for (int i = 0; i < batch; i++) {
            MemorySegment sqe = ring.nextSqe();
            work.write(sqe, i, userData + i);
        }
        ring.submit();
        long want = reaped + batch;
        while (reaped < want) {
            ring.waitFor((int) (want - reaped), WAIT_NANOS, NEVER);
            reap();
        }
    }

    /**
     * Batches {@code from} to {@code to} (exclusive), no clock read: the warm-up and the throughput phase run this one
     * method, so the phase is measured on the code the warm-up compiled (a loop of its own in {@link #run} would be
     * compiled again there, on the fly, with other inlining).
     */
    private void batches(long from, long to) throws SyscallException {
        int batch = options.batch();
        for (long b = from; b < to; b++) {
            batch(b * batch);
        }
    }

    Result run() throws SyscallException {
        long count = options.count();
        int batch = options.batch();
        long batches = count / batch;
        // warm-up: the JIT compiles the loop before anything is measured
        long warm = Math.max(batches / 4, Math.min(batches, 20_000));
        batches(0, warm);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        if (options.journalFile().isEmpty()) { // a journal file keeps the size its count gives (bench/run's scale step reads it)
            warmUntilSteady(warm, batches, threads);
        }
        long bytesBefore = threads.getCurrentThreadAllocatedBytes();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long userBefore = threads.getCurrentThreadUserTime();
        long start = System.nanoTime();
        batches(0, batches);
        long elapsed = System.nanoTime() - start;
        long user = threads.getCurrentThreadUserTime() - userBefore;
        long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        long bytes = threads.getCurrentThreadAllocatedBytes() - bytesBefore;

        long[] latencies = new long[(int) Math.min(batches, MAX_SAMPLES)];
        long submitNanos = 0;
        long reapNanos = 0;
        for (long b = 0; b < batches; b++) {
            long t0 = System.nanoTime();
            batchesRun++;
            work.beforeBatch();
            for (int i = 0; i < batch; i++) {
                work.write(ring.nextSqe(), i, b * batch + i);
            }
            ring.submit();
            long t1 = System.nanoTime();
            long want = reaped + batch;
            while (reaped < want) {
                ring.waitFor((int) (want - reaped), WAIT_NANOS, NEVER);
                reap();
            }
            long t2 = System.nanoTime();
            submitNanos += t1 - t0;
            reapNanos += t2 - t1;
            latencies[(int) (b % latencies.length)] = t2 - t0;
        }
        Arrays.sort(latencies);
        return new Result(options, count * 1e9 / elapsed, (double) submitNanos / count, (double) reapNanos / count,
                percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 0.999),
                (double) user / count, (double) (cpu - user) / count, (double) bytes / count, ring.enters(), batchesRun, failed);
    }

    /**
     * Goes on warming up in rounds until three rounds in a row ran within {@link #STEADY} of each other's rate,
     * allocated (almost) nothing and saw the JIT compile nothing: C2 may still be compiling, or compiling again after
     * an uncommon trap, when the fixed warm-up ends, and a phase measured on C1 code says nothing about the loop (the
     * journaled loop's {@code batch} was made not entrant and compiled again inside the phase in one run of four).
     * At most {@link #WARM_ROUNDS} rounds.
     */
    private void warmUntilSteady(long firstBatch, long batches, com.sun.management.ThreadMXBean threads)
            throws SyscallException {
        long roundBatches = Math.max(1, Math.min(batches / 8, WARM_ROUND_OPS / options.batch()));
        long b = firstBatch;
        double previous = 0;
        int steady = 0;
        for (int round = 0; round < WARM_ROUNDS && steady < 2; round++) {
            long bytes = threads.getCurrentThreadAllocatedBytes();
            long jitMillis = jitMillis();
            long start = System.nanoTime();
            batches(b, b + roundBatches);
            b += roundBatches;
            double rate = roundBatches / (double) Math.max(1, System.nanoTime() - start);
            boolean compiled = threads.getCurrentThreadAllocatedBytes() - bytes < roundBatches * options.batch() / 4
                    && jitMillis() == jitMillis;
            steady = compiled && previous > 0 && Math.abs(rate - previous) <= STEADY * previous ? steady + 1 : 0;
            previous = compiled ? rate : 0;
        }
    }

    /** Milliseconds the JIT has spent compiling, all threads: a round in which it grew was not steady. 0 where unknown. */
    private static long jitMillis() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    void close() throws SyscallException {
        try {
            work.close();
        } finally {
            ring.close();
        }
    }

    /**
     * @param opsPerSecond   operations a second in the throughput phase
     * @param submitNanos    ns per operation spent writing SQEs and in submit (latency phase)
     * @param reapNanos      ns per operation spent waiting and reaping (latency phase)
     * @param p50            batch round trip (first SQE written to last CQE reaped), ns
     * @param userNanos      ns per operation the bench thread ran in user space in the throughput phase (our side):
     *                       the JVM reads it from /proc in 10 ms steps, so a phase under a second is coarse
     * @param sysNanos       ns per operation it ran in the kernel: the thread's exact CPU time minus that user time
     * @param bytesPerOp     heap bytes the bench thread allocated per operation in the throughput phase
     * @param enters         io_uring_enter calls the ring made, all phases
     * @param batches        batches run, all phases (the warm-up's length depends on when the JIT is done)
     * @param failed         CQEs with an unexpected error
     */
    record Result(BenchOptions options, double opsPerSecond, double submitNanos, double reapNanos, long p50, long p99,
                  long p999, double userNanos, double sysNanos, double bytesPerOp, long enters, long batches, long failed) {
    }
}
