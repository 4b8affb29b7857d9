package dev.ringside.tracer.ring;

import dev.ringside.decoders.flags.EnterFlag;
import dev.ringside.decoders.flags.FeatureFlag;
import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.values.Errno;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.UapiConstants;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Journal;
import dev.ringside.tracer.sys.CallState;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One io_uring instance: the fd, the mapped SQ ring, CQ ring and SQE array, and the protocol on
 * them: write SQEs, publish the SQ tail with release semantics, enter, read CQEs with acquire
 * semantics and advance the CQ head, through one {@link SubmissionQueue} and one {@link CompletionQueue}.
 * Every io_uring_enter goes through one method, which counts it and records it in the journal given
 * at creation ({@link Event.Entered}). Every wait is bounded. Not thread-safe: SINGLE_ISSUER and
 * DEFER_TASKRUN rings must be driven from the thread that created them, so one thread owns a Ring: its memory
 * and the views of its mappings are confined to that thread (another thread's access throws WrongThreadException).
 */
public final class Ring implements AutoCloseable {
    /**
     * How long one io_uring_enter may block: between slices the caller's cancel check runs (Ctrl-C).
     * Long enough that a wait of a few hundred ms is two or three calls, short enough for a key press.
     */
    static final long WAIT_SLICE_NANOS = 200_000_000L;

    private static final StructLayout PARAMS = UapiLayouts.IO_URING_PARAMS;
    // the flag values the per-operation path uses, looked up once (a FlagRef's value() searches its table by name)
    private static final int GETEVENTS = (int) EnterFlag.GETEVENTS.value();
    private static final int EXT_ARG = (int) EnterFlag.EXT_ARG.value();
    private static final int SQ_WAKEUP = (int) EnterFlag.SQ_WAKEUP.value();

    private final int fd;
    // both confined to the thread that creates the ring, its one owner: closing a shared arena is a handshake with
    // every thread of the JVM, and a ring's close made two (a thread of `thread` enters by the fd, touching neither)
    private final Arena arena = Arena.ofConfined();
    /** The scope of every view of the mmaps: closed before munmap, so a stale view throws instead of faulting. */
    private final Arena mapped = Arena.ofConfined();
    private final MemorySegment params;
    private final List<Mapping> mappings = new ArrayList<>();

    /** One mmap of the ring fd and what it holds, as journaled. */
    private record Mapping(MemorySegment segment, String what) {
    }
    private final SubmissionQueue sq;
    private final CompletionQueue cq;
    private final MemorySegment waitArg;
    private final MemorySegment waitTimespec;
    /** The creating thread's errno slot (global arena: no session to acquire per enter), which owns the ring. */
    private final CallState callState = CallState.ofCurrentThread();
    private final long setupFlags;
    private final long features;
    /** has(SQPOLL), has(DEFER_TASKRUN): asked on every submit and wait. */
    private final boolean sqpoll;
    private final boolean deferTaskrun;
    private final Journal journal;
    private final String name;
    private long enters;
    private boolean closed;

    private Ring(int fd, MemorySegment params, Journal journal, String name) throws SyscallException {
        this.fd = fd;
        this.params = params;
        this.journal = journal;
        this.name = name;
        this.setupFlags = Integer.toUnsignedLong(param("flags"));
        this.features = Integer.toUnsignedLong(param("features"));
        this.sqpoll = has(SetupFlag.SQPOLL);
        this.deferTaskrun = has(SetupFlag.DEFER_TASKRUN);
        int sqEntries = param("sq_entries");
        int cqEntries = param("cq_entries");
        int sqeSize = has(SetupFlag.SQE128) ? 128 : 64;
        int cqeSize = has(SetupFlag.CQE32) ? 32 : 16;
        HeaderFields.Offsets sqOff = new HeaderFields.Offsets(
                HeaderFields.offsets(HeaderFields.SQ, word -> param("sq_off." + word)), param("sq_off.array"));
        HeaderFields.Offsets cqOff = new HeaderFields.Offsets(
                HeaderFields.offsets(HeaderFields.CQ, word -> param("cq_off." + word)), param("cq_off.cqes"));
        try {
            // without an SQ array the SQ mapping ends with its last header word (dropped)
            long sqSize = has(SetupFlag.NO_SQARRAY) ? java.util.Collections.max(sqOff.words().values()) + 4
                    : sqOff.array() + 4L * sqEntries;
            long cqSize = cqOff.array() + (long) cqeSize * cqEntries;
            MemorySegment sqRing;
            MemorySegment cqRing;
            if ((features & FeatureFlag.SINGLE_MMAP.value()) != 0) {
                MemorySegment both = map(Math.max(sqSize, cqSize), UapiConstants.IORING_OFF_SQ_RING, "sq+cq rings");
                sqRing = both;
                cqRing = both;
            } else {
                sqRing = map(sqSize, UapiConstants.IORING_OFF_SQ_RING, "sq ring");
                cqRing = map(cqSize, UapiConstants.IORING_OFF_CQ_RING, "cq ring");
            }
            MemorySegment sqes = map((long) sqeSize * sqEntries, UapiConstants.IORING_OFF_SQES, "sqes");
            sq = new SubmissionQueue(sqRing, sqes, sqOff, sqEntries, sqeSize, !has(SetupFlag.NO_SQARRAY), has(SetupFlag.SQPOLL),
                    has(SetupFlag.SQ_REWIND));
            cq = new CompletionQueue(cqRing, cqOff, cqEntries, cqeSize, has(SetupFlag.CQE_MIXED));
        } catch (SyscallException | RuntimeException e) {
            arena.close();
            mapped.close();
            unmapAll();
            Syscalls.close(fd);
            throw e;
        }
        waitTimespec = arena.allocate(UapiLayouts.KERNEL_TIMESPEC);
        waitArg = arena.allocate(UapiLayouts.IO_URING_GETEVENTS_ARG);
        waitArg.set(ValueLayout.JAVA_LONG, LayoutPaths.offset(UapiLayouts.IO_URING_GETEVENTS_ARG, "ts"),
                waitTimespec.address());
    }

    /** io_uring_setup with this configuration, then maps the rings; its enters are counted but not journaled. */
    public static Ring create(RingConfig config) throws SyscallException {
        return create(config, null, "");
    }

    /**
     * io_uring_setup with this configuration, then maps the rings; every io_uring_enter it makes is
     * recorded in {@code journal} under {@code name}.
     */
    public static Ring create(RingConfig config, Journal journal, String name) throws SyscallException {
        if ((config.flags() & SetupFlag.NO_MMAP.value()) != 0) {
            throw new SyscallException("io_uring_setup", 95,
                    "ringside maps the rings itself; NO_MMAP (user-provided ring memory) is not supported yet");
        }
        // confined: only this thread sees the params, and closing a shared arena is a handshake with every thread
        Arena scratch = Arena.ofConfined();
        MemorySegment params = scratch.allocate(PARAMS);
        set(params, "flags", (int) config.flags());
        set(params, "cq_entries", config.cqEntries());
        set(params, "sq_thread_cpu", config.sqThreadCpu());
        set(params, "sq_thread_idle", config.sqThreadIdle());
        set(params, "wq_fd", config.wqFd());
        int fd;
        try {
            fd = (int) Syscalls.ioUringSetup(config.entries(), params);
        } catch (SyscallException e) {
            scratch.close();
            throw e;
        }
        MemorySegment copy = Arena.ofAuto().allocate(PARAMS).copyFrom(params);
        scratch.close();
        return new Ring(fd, copy, journal, name);
    }

    private static void set(MemorySegment params, String field, int value) {
        params.set(ValueLayout.JAVA_INT, LayoutPaths.offset(PARAMS, field), value);
    }

    /** A u32 member of the io_uring_params the kernel returned: {@code sq_entries}, {@code cq_off.tail}. */
    public int param(String field) {
        return params.get(ValueLayout.JAVA_INT, LayoutPaths.offset(PARAMS, field));
    }

    private void record(Event event) {
        if (journal != null) {
            journal.record(event);
        }
    }

    private long now() {
        return journal == null ? 0 : journal.now();
    }

    /** mmap of the ring fd; the raw mapping is kept for munmap, the ring uses a view scoped to its lifetime. */
    private MemorySegment map(long length, long offset, String what) throws SyscallException {
        MemorySegment m = Syscalls.mmap(length, Syscalls.PROT_READ | Syscalls.PROT_WRITE,
                Syscalls.MAP_SHARED | Syscalls.MAP_POPULATE, fd, offset);
        mappings.add(new Mapping(m, what));
        record(new Event.Mapped(now(), name, what, m.address(), length, offset, fd));
        return m.reinterpret(mapped, null);
    }

    public int fd() {
        return fd;
    }

    /** struct io_uring_params as the kernel filled it in (read-only copy). */
    public MemorySegment params() {
        return params.asReadOnly();
    }

    public long setupFlags() {
        return setupFlags;
    }

    public long features() {
        return features;
    }

    public boolean has(SetupFlag flag) {
        return (setupFlags & flag.value()) != 0;
    }

    /** The submission side: SQEs, the SQ ring header, what is pending. */
    public SubmissionQueue sq() {
        return sq;
    }

    /** The completion side: CQEs read in place or reaped, the CQ ring header. */
    public CompletionQueue cq() {
        return cq;
    }

    public int sqEntries() {
        return sq.entries();
    }

    public int cqEntries() {
        return cq.entries();
    }

    public int sqeSize() {
        return sq.sqeSize();
    }

    public int cqeSize() {
        return cq.cqeSize();
    }

    /** SQEs written but not yet published to the kernel. */
    public int queued() {
        return sq.unpublished();
    }

    /** Free SQ slots: entries minus what the kernel has not consumed yet, published or not. */
    public int sqSpace() {
        return sq.space();
    }

    /**
     * The next free SQE, zeroed, and reserves it; null when the SQ ring is full. The caller writes
     * it and {@link #submit} publishes it.
     */
    public MemorySegment nextSqe() {
        return sq.next();
    }

    /** The bytes an SQE of this opcode takes: 128 on SQE128 rings, and for a 128-byte opcode on an SQE_MIXED ring. */
    public int sqeSizeFor(boolean bigOpcode) {
        return sqeSize() == 128 || bigOpcode && has(SetupFlag.SQE_MIXED) ? 128 : 64;
    }

    /** Writes one SQE (64 or, on an SQE_MIXED ring, 128 bytes) at the tail; returns the slots it took. */
    public int writeSqe(byte[] bytes) {
        return sq.write(bytes);
    }

    /** The SQE at a ring position, as it sits in the shared array now. */
    public MemorySegment sqeAt(int position) {
        return sq.peek(position);
    }

    /**
     * Publishes queued SQEs (release store of the tail) without entering: another thread enters them
     * ({@code thread ... submit}). Returns tail - khead, what an io_uring_enter would be asked to submit.
     */
    public int publish() {
        return sq.flush();
    }

    /** How many io_uring_enter calls this ring has made. */
    public long enters() {
        return enters;
    }

    /**
     * Publishes queued SQEs (release store of the tail) and tells the kernel: io_uring_enter with
     * to_submit = tail - khead (SQEs a partial submit left behind go again), or a wakeup of a sleeping
     * SQPOLL thread. Returns what the kernel consumed.
     */
    public int submit() throws SyscallException {
        int fresh = sq.unpublished();
        int pending = sq.flush();
        int submitted;
        try {
            if (sqpoll) {
                if (sq.needsWakeup()) {
                    enter(Event.EnterReason.WAKEUP, 0, 0, SQ_WAKEUP, -1);
                }
                // the thread took the earlier ones already: what this submit hands over is what it published
                submitted = fresh;
            } else {
                submitted = pending == 0 ? 0 : enter(Event.EnterReason.SUBMIT, pending, 0, 0, -1);
            }
        } catch (SyscallException e) {
            if (journal != null) {
                journal.recordSubmitted(journal.now(), name, pending, -e.errno());
            }
            throw e;
        }
        sq.zeroConsumed(submitted); // the slots the submit before took, zeroed for the next batch, not one by one
        if (journal != null) {
            journal.recordSubmitted(journal.now(), name, pending, submitted);
        }
        return submitted;
    }

    /**
     * On DEFER_TASKRUN and COOP_TASKRUN rings, a non-blocking io_uring_enter(GETEVENTS) that runs the
     * task work posting completions (as liburing's io_uring_get_events); nothing on other rings, whose
     * completions are posted without one. Returns whether it entered.
     */
    public boolean runTaskWork() throws SyscallException {
        if (!deferTaskrun && !has(SetupFlag.COOP_TASKRUN)) {
            return false;
        }
        enter(Event.EnterReason.TASK_WORK, 0, 0, GETEVENTS, -1);
        return true;
    }

    /**
     * io_uring_enter(GETEVENTS) with nothing to submit and no timeout: on a ring with a BPF event loop the
     * kernel runs the loop's loop_step until it returns IOU_LOOP_STOP (or a signal ends it); returns the result.
     */
    public int runBpfLoop() throws SyscallException {
        return enter(Event.EnterReason.BPF_LOOP, 0, 0, GETEVENTS, -1);
    }

    /**
     * The one io_uring_enter of this ring: counted, and recorded in the journal with its arguments,
     * result or errno and duration. {@code timeoutNanos} >= 0 passes it as the EXT_ARG timeout.
     */
    private int enter(Event.EnterReason reason, int toSubmit, int minComplete, int flags, long timeoutNanos)
            throws SyscallException {
        MemorySegment arg = MemorySegment.NULL;
        long argSize = 0;
        if (timeoutNanos >= 0) {
            waitTimespec.set(ValueLayout.JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
            waitTimespec.set(ValueLayout.JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
            arg = waitArg;
            argSize = waitArg.byteSize();
            flags |= EXT_ARG;
        }
        enters++;
        long start = 0;
        if (journal != null) { // else nothing to record: no clock reads, no event
            if (minComplete > 0 || reason == Event.EnterReason.BPF_LOOP) {
                journal.flush(); // this call may block, and the kernel may hang in it: what led here is on disk first
            }
            start = journal.now(); // the enter's start and end on the journal's clock: one clock read each
        }
        int result;
        try { // one call site of the downcall, journal or not: the JIT inlines its stub once per caller, not twice
            result = (int) Syscalls.ioUringEnter(callState, fd, toSubmit, minComplete, flags, arg, argSize);
        } catch (SyscallException e) {
            if (journal != null) {
                long end = journal.now();
                journal.recordEntered(end, name, reason, toSubmit, minComplete, flags, timeoutNanos, -e.errno(), end - start);
            }
            throw e;
        }
        if (journal != null) {
            long end = journal.now();
            journal.recordEntered(end, name, reason, toSubmit, minComplete, flags, timeoutNanos, result, end - start);
        }
        return result;
    }

    /** CQEs ready to reap now. */
    public int ready() {
        return cq.ready();
    }

    /**
     * Waits until at least {@code count} CQEs are ready, the timeout passes, or {@code cancelled}
     * turns true; never longer than the timeout. Each enter asks for the whole count (the kernel
     * counts every CQE between head and tail, as liburing's io_uring_wait_cqe_nr relies on) and
     * blocks at most one slice, with IORING_ENTER_EXT_ARG, so that a cancel (Ctrl-C) is seen.
     * Returns the completions ready (a CQE_MIXED big CQE once, padding not at all).
     */
    public int waitFor(int count, long timeoutNanos, BooleanSupplier cancelled) throws SyscallException {
        int already = cq.readyCompletions();
        if (already >= count) { // the common case of a loop: no clock read, no enter
            return already;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        int flags = GETEVENTS;
        while (true) {
            int ready = cq.readyCompletions();
            long left = deadline - System.nanoTime();
            if (ready >= count || left <= 0 || cancelled.getAsBoolean()) {
                // one non-blocking pass so DEFER_TASKRUN completions are posted before we give up
                if (ready < count && deferTaskrun) {
                    enterWait(0, flags, 0);
                }
                return cq.readyCompletions();
            }
            // the kernel counts slots: on a CQE_MIXED ring a big CQE is two and padding one, so ask for the missing ones on top
            enterWait(cq.ready() + count - ready, flags, Math.min(left, WAIT_SLICE_NANOS));
        }
    }

    private void enterWait(int minComplete, int flags, long sliceNanos) throws SyscallException {
        try {
            enter(Event.EnterReason.WAIT, 0, minComplete, flags, sliceNanos);
        } catch (SyscallException e) {
            if (e.errno() != Errno.ETIME.number() && e.errno() != Errno.EINTR.number()) {
                throw e;
            }
        }
    }

    /** Reads every ready CQE (acquire on the tail) and hands the slots back (release on the head). */
    public List<Completion> reap() {
        return cq.reap();
    }

    public SqHeader sqHeader() {
        return sq.header();
    }

    public CqHeader cqHeader() {
        return cq.header();
    }

    /** Bytes of the mapped SQ ring and CQ ring, read-only, valid until the ring closes: for live memory views. */
    public MemorySegment sqRingMemory() {
        return sq.memory();
    }

    public MemorySegment cqRingMemory() {
        return cq.memory();
    }

    /** Memory that lives as long as the ring: timespecs and other things SQEs point to. */
    public Arena arena() {
        return arena;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Ends every view of the mappings (a later access throws IllegalStateException), unmaps them,
     * closes the fd and frees the ring's memory; safe to call twice.
     */
    @Override
    public void close() throws SyscallException {
        if (closed) {
            return;
        }
        closed = true;
        mapped.close();
        // the fd goes before the memory SQEs pointed to: the kernel stops using a ring once its last fd closes
        try {
            unmapAll();
        } finally {
            try {
                Syscalls.close(fd);
            } finally {
                arena.close();
            }
        }
    }

    private void unmapAll() throws SyscallException {
        SyscallException first = null;
        for (Mapping m : mappings) {
            long result = 0;
            try {
                Syscalls.munmap(m.segment());
            } catch (SyscallException e) {
                first = first == null ? e : first;
                result = -e.errno();
            }
            record(new Event.Unmapped(now(), name, m.what(), m.segment().address(), m.segment().byteSize(), result));
        }
        mappings.clear();
        if (first != null) {
            throw first;
        }
    }
}
