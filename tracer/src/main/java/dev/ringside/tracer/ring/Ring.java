package dev.ringside.tracer.ring;

import dev.ringside.decoders.flags.CqeFlag;
import dev.ringside.decoders.flags.EnterFlag;
import dev.ringside.decoders.flags.FeatureFlag;
import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.decoders.flags.SqRingFlag;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.values.Errno;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One io_uring instance: the fd, the mapped SQ ring, CQ ring and SQE array, and the protocol on
 * them: write SQEs, publish the SQ tail with release semantics, enter, read CQEs with acquire
 * semantics and advance the CQ head. Every wait is bounded. Not thread-safe: SINGLE_ISSUER and
 * DEFER_TASKRUN rings must be driven from the thread that created them, so one thread owns a Ring.
 */
public final class Ring implements AutoCloseable {
    /** IORING_OFF_* mmap offsets. */
    static final long OFF_SQ_RING = 0L;
    static final long OFF_CQ_RING = 0x8000000L;
    static final long OFF_SQES = 0x10000000L;

    /** How long one io_uring_enter may block: between slices the caller's cancel check runs (Ctrl-C). */
    static final long WAIT_SLICE_NANOS = 50_000_000L;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final StructLayout PARAMS = UapiLayouts.IO_URING_PARAMS;

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment params;
    private final List<MemorySegment> mappings = new ArrayList<>();
    private final MemorySegment sqRing;
    private final MemorySegment cqRing;
    private final MemorySegment sqes;
    private final MemorySegment waitArg;
    private final MemorySegment waitTimespec;
    private final int sqeSize;
    private final int cqeSize;
    private final long setupFlags;
    private final long features;
    private final int sqEntries;
    private final int cqEntries;
    private final long sqHead, sqTail, sqMask, sqFlags, sqDropped, sqArray;
    private final long cqHead, cqTail, cqMask, cqOverflow, cqCqes, cqFlags;
    private int localTail;
    private boolean closed;

    private Ring(int fd, MemorySegment params) throws SyscallException {
        this.fd = fd;
        this.params = params;
        this.setupFlags = Integer.toUnsignedLong(param("flags"));
        this.features = Integer.toUnsignedLong(param("features"));
        this.sqEntries = param("sq_entries");
        this.cqEntries = param("cq_entries");
        this.sqeSize = has(SetupFlag.SQE128) ? 128 : 64;
        this.cqeSize = has(SetupFlag.CQE32) ? 32 : 16;
        sqHead = param("sq_off.head");
        sqTail = param("sq_off.tail");
        sqMask = param("sq_off.ring_mask");
        sqFlags = param("sq_off.flags");
        sqDropped = param("sq_off.dropped");
        sqArray = param("sq_off.array");
        cqHead = param("cq_off.head");
        cqTail = param("cq_off.tail");
        cqMask = param("cq_off.ring_mask");
        cqOverflow = param("cq_off.overflow");
        cqCqes = param("cq_off.cqes");
        cqFlags = param("cq_off.flags");
        try {
            // without an SQ array the SQ header ends at its last field, dropped
            long sqSize = has(SetupFlag.NO_SQARRAY) ? sqDropped + 4 : sqArray + 4L * sqEntries;
            long cqSize = cqCqes + (long) cqeSize * cqEntries;
            if ((features & FeatureFlag.SINGLE_MMAP.value()) != 0) {
                MemorySegment both = map(Math.max(sqSize, cqSize), OFF_SQ_RING);
                sqRing = both;
                cqRing = both;
            } else {
                sqRing = map(sqSize, OFF_SQ_RING);
                cqRing = map(cqSize, OFF_CQ_RING);
            }
            sqes = map((long) sqeSize * sqEntries, OFF_SQES);
        } catch (SyscallException | RuntimeException e) {
            arena.close();
            unmapAll();
            Syscalls.close(fd);
            throw e;
        }
        waitTimespec = arena.allocate(UapiLayouts.KERNEL_TIMESPEC);
        waitArg = arena.allocate(UapiLayouts.IO_URING_GETEVENTS_ARG);
        waitArg.set(ValueLayout.JAVA_LONG, LayoutPaths.offset(UapiLayouts.IO_URING_GETEVENTS_ARG, "ts"),
                waitTimespec.address());
        localTail = (int) INT.getAcquire(sqRing, sqTail);
    }

    /** io_uring_setup with this configuration, then maps the rings. */
    public static Ring create(RingConfig config) throws SyscallException {
        if ((config.flags() & SetupFlag.NO_MMAP.value()) != 0) {
            throw new SyscallException("io_uring_setup", 95,
                    "ringside maps the rings itself; NO_MMAP (user-provided ring memory) is not supported yet");
        }
        Arena scratch = Arena.ofShared();
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
        return new Ring(fd, copy);
    }

    private static void set(MemorySegment params, String field, int value) {
        params.set(ValueLayout.JAVA_INT, LayoutPaths.offset(PARAMS, field), value);
    }

    private int param(String field) {
        return params.get(ValueLayout.JAVA_INT, LayoutPaths.offset(PARAMS, field));
    }

    private MemorySegment map(long length, long offset) throws SyscallException {
        MemorySegment m = Syscalls.mmap(length, Syscalls.PROT_READ | Syscalls.PROT_WRITE,
                Syscalls.MAP_SHARED | Syscalls.MAP_POPULATE, fd, offset);
        mappings.add(m);
        return m;
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

    public int sqEntries() {
        return sqEntries;
    }

    public int cqEntries() {
        return cqEntries;
    }

    public int sqeSize() {
        return sqeSize;
    }

    public int cqeSize() {
        return cqeSize;
    }

    /** SQEs written but not yet published to the kernel. */
    public int queued() {
        return localTail - (int) INT.getAcquire(sqRing, sqTail);
    }

    /** Free SQ slots: entries minus what the kernel has not consumed yet, minus what is queued. */
    public int sqSpace() {
        return sqEntries - (localTail - (int) INT.getAcquire(sqRing, sqHead));
    }

    /**
     * The next free SQE, zeroed, and reserves it; null when the SQ ring is full. The caller writes
     * it and {@link #submit} publishes it.
     */
    public MemorySegment nextSqe() {
        if (sqSpace() <= 0) {
            return null;
        }
        int index = localTail & sqEntries - 1;
        MemorySegment sqe = sqes.asSlice((long) index * sqeSize, sqeSize);
        sqe.fill((byte) 0);
        if (!has(SetupFlag.NO_SQARRAY)) {
            sqRing.set(ValueLayout.JAVA_INT, sqArray + 4L * index, index);
        }
        localTail++;
        return sqe;
    }

    /** The SQE at a ring position, as it sits in the shared array now. */
    public MemorySegment sqeAt(int position) {
        return sqes.asSlice((long) (position & sqEntries - 1) * sqeSize, sqeSize).asReadOnly();
    }

    /**
     * Publishes queued SQEs (release store of the tail) and tells the kernel: io_uring_enter with
     * to_submit, or a wakeup of a sleeping SQPOLL thread. Returns what the kernel consumed.
     */
    public int submit() throws SyscallException {
        int toSubmit = queued();
        INT.setRelease(sqRing, sqTail, localTail);
        if (has(SetupFlag.SQPOLL)) {
            VarHandle.fullFence();
            if ((sqFlagsNow() & SqRingFlag.NEED_WAKEUP.value()) != 0) {
                enter(0, 0, (int) EnterFlag.SQ_WAKEUP.value());
            }
            return toSubmit;
        }
        if (toSubmit == 0) {
            return 0;
        }
        return enter(toSubmit, 0, 0);
    }

    /** One io_uring_enter call without a wait argument. */
    public int enter(int toSubmit, int minComplete, int flags) throws SyscallException {
        return (int) Syscalls.ioUringEnter(fd, toSubmit, minComplete, flags, MemorySegment.NULL, 0);
    }

    /** CQEs ready to reap now. */
    public int ready() {
        return (int) INT.getAcquire(cqRing, cqTail) - (int) INT.get(cqRing, cqHead);
    }

    /**
     * Waits until at least {@code count} CQEs are ready, the timeout passes, or {@code cancelled}
     * turns true; never longer than the timeout. Each enter blocks one short slice, with
     * IORING_ENTER_EXT_ARG, so that a cancel (Ctrl-C) is seen promptly. Returns the CQEs ready.
     */
    public int waitFor(int count, long timeoutNanos, BooleanSupplier cancelled) throws SyscallException {
        long deadline = System.nanoTime() + timeoutNanos;
        int flags = (int) (EnterFlag.GETEVENTS.value() | EnterFlag.EXT_ARG.value());
        while (true) {
            int ready = ready();
            long left = deadline - System.nanoTime();
            if (ready >= count || left <= 0 || cancelled.getAsBoolean()) {
                // one non-blocking pass so DEFER_TASKRUN completions are posted before we give up
                if (ready < count && has(SetupFlag.DEFER_TASKRUN)) {
                    enterWait(0, flags, 0);
                }
                return ready();
            }
            enterWait(count - ready, flags, Math.min(left, WAIT_SLICE_NANOS));
        }
    }

    private void enterWait(int minComplete, int flags, long sliceNanos) throws SyscallException {
        waitTimespec.set(ValueLayout.JAVA_LONG, 0, sliceNanos / 1_000_000_000L);
        waitTimespec.set(ValueLayout.JAVA_LONG, 8, sliceNanos % 1_000_000_000L);
        try {
            Syscalls.ioUringEnter(fd, 0, minComplete, flags, waitArg, waitArg.byteSize());
        } catch (SyscallException e) {
            if (e.errno() != Errno.ETIME.number() && e.errno() != Errno.EINTR.number()) {
                throw e;
            }
        }
    }

    /** Reads every ready CQE (acquire on the tail) and hands the slots back (release on the head). */
    public List<Completion> reap() {
        List<Completion> out = new ArrayList<>();
        int head = (int) INT.get(cqRing, cqHead);
        int tail = (int) INT.getAcquire(cqRing, cqTail);
        while (head != tail) {
            MemorySegment cqe = cqRing.asSlice(cqCqes + (long) (head & cqEntries - 1) * cqeSize, cqeSize);
            long userData = cqe.get(ValueLayout.JAVA_LONG, 0);
            int res = cqe.get(ValueLayout.JAVA_INT, 8);
            int flags = cqe.get(ValueLayout.JAVA_INT, 12);
            boolean mixedBig = (flags & CqeFlag.F_32.value()) != 0 && cqeSize == 16;
            byte[] big = cqeSize == 32 ? cqe.asSlice(16, 16).toArray(ValueLayout.JAVA_BYTE)
                    : mixedBig ? cqRing.asSlice(cqCqes + (long) ((head + 1) & cqEntries - 1) * 16, 16)
                            .toArray(ValueLayout.JAVA_BYTE) : new byte[0];
            if ((flags & CqeFlag.SKIP.value()) == 0) {
                out.add(new Completion(Integer.toUnsignedLong(head), userData, res, flags, big));
            }
            head += mixedBig ? 2 : 1;
        }
        INT.setRelease(cqRing, cqHead, head);
        return out;
    }

    public SqHeader sqHeader() {
        return new SqHeader((int) INT.getAcquire(sqRing, sqHead), (int) INT.getAcquire(sqRing, sqTail),
                sqRing.get(ValueLayout.JAVA_INT, sqMask), sqEntries, sqFlagsNow(),
                (int) INT.getAcquire(sqRing, sqDropped));
    }

    public CqHeader cqHeader() {
        return new CqHeader((int) INT.getAcquire(cqRing, cqHead), (int) INT.getAcquire(cqRing, cqTail),
                cqRing.get(ValueLayout.JAVA_INT, cqMask), cqEntries, (int) INT.getAcquire(cqRing, cqOverflow),
                (int) INT.getAcquire(cqRing, cqFlags));
    }

    private int sqFlagsNow() {
        return (int) INT.getAcquire(sqRing, sqFlags);
    }

    /** Bytes of the mapped SQ ring, CQ ring and SQE array: for live memory views. */
    public MemorySegment sqRingMemory() {
        return sqRing.asReadOnly();
    }

    public MemorySegment cqRingMemory() {
        return cqRing.asReadOnly();
    }

    /** Memory that lives as long as the ring: timespecs and other things SQEs point to. */
    public Arena arena() {
        return arena;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Unmaps every mapping, closes the fd and frees the ring's memory; safe to call twice. */
    @Override
    public void close() throws SyscallException {
        if (closed) {
            return;
        }
        closed = true;
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
        for (MemorySegment m : mappings) {
            try {
                Syscalls.munmap(m);
            } catch (SyscallException e) {
                first = first == null ? e : first;
            }
        }
        mappings.clear();
        if (first != null) {
            throw first;
        }
    }
}
