package dev.ringside.shell.bench;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.sys.FdCalls;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Locale;

/**
 * What each SQE of a bench asks the kernel to do; the same work bench/c/ringbench.c does with liburing.
 * Prepared once per ring (fds, buffers, timespecs in the ring's arena), so a batch allocates nothing.
 */
enum Workload {
    /** IORING_OP_NOP: a zeroed SQE with its user_data; completes inline in the submit. */
    NOP,
    /** IORING_OP_TIMEOUT of 0 ns (count 0): completes from the timer, so the wait enters the kernel. */
    TIMEOUT,
    /** IORING_OP_READ of one byte from a pipe a write(2) filled with one byte per SQE before the batch. */
    READ_PIPE;

    private static final long OPCODE = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "opcode");
    private static final long FD = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "fd");
    private static final long ADDR = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "addr");
    private static final long LEN = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "len");
    private static final long USER_DATA = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "user_data");

    static Workload parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "nop" -> NOP;
            case "timeout" -> TIMEOUT;
            case "read-pipe" -> READ_PIPE;
            default -> throw new IllegalArgumentException("unknown bench case '" + word + "': nop, timeout or read-pipe");
        };
    }

    String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The per-ring state of one workload: what its SQEs point to. */
    Prepared prepare(Ring ring, int batch) throws SyscallException {
        Catalog catalog = Catalog.builtin();
        return switch (this) {
            case NOP -> new Prepared((byte) catalog.opcode("NOP").number(), -1, 0, 0, null, -1, null);
            case TIMEOUT -> {
                MemorySegment ts = ring.arena().allocate(UapiLayouts.KERNEL_TIMESPEC); // zero: fires at once
                yield new Prepared((byte) catalog.opcode("TIMEOUT").number(), -1, ts.address(), 1, null, -1, null);
            }
            case READ_PIPE -> {
                FdCalls.FdPair pipe = FdCalls.pipe(0);
                MemorySegment into = ring.arena().allocate(batch);
                MemorySegment bytes = ring.arena().allocate(batch);
                bytes.fill((byte) 'x');
                yield new Prepared((byte) catalog.opcode("READ").number(), pipe.first(), into.address(), 1, into,
                        pipe.second(), bytes);
            }
        };
    }

    /**
     * @param readFd  the fd the SQEs read (-1: none)
     * @param addr    the SQE's addr: the timespec, or the base of one byte per SQE of a batch
     * @param len     the SQE's len
     * @param feedFd  the pipe's write end that {@link #beforeBatch} fills (-1: nothing to feed)
     */
    record Prepared(byte opcode, int readFd, long addr, int len, MemorySegment into, int feedFd, MemorySegment feed) {
        /** Writes SQE {@code slot} of a batch into a zeroed SQE. */
        void write(MemorySegment sqe, int slot, long userData) {
            sqe.set(ValueLayout.JAVA_BYTE, OPCODE, opcode);
            sqe.set(ValueLayout.JAVA_LONG, USER_DATA, userData);
            if (readFd >= 0) {
                sqe.set(ValueLayout.JAVA_INT, FD, readFd);
                sqe.set(ValueLayout.JAVA_LONG, ADDR, addr + slot);
                sqe.set(ValueLayout.JAVA_INT, LEN, len);
            } else if (addr != 0) {
                sqe.set(ValueLayout.JAVA_LONG, ADDR, addr);
                sqe.set(ValueLayout.JAVA_INT, LEN, len);
            }
        }

        /** What must happen before a batch: the pipe gets one byte per read. */
        void beforeBatch() throws SyscallException {
            if (feedFd >= 0) {
                FdCalls.write(feedFd, feed); // feed is one batch long: no slice per batch
            }
        }

        void close() throws SyscallException {
            if (readFd >= 0) {
                Syscalls.close(readFd);
            }
            if (feedFd >= 0) {
                Syscalls.close(feedFd);
            }
        }
    }
}
