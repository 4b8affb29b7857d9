package dev.ringside.tracer.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The raw system calls ringside makes, bound through FFM with errno captured right after each
 * call ({@link Linker.Option#captureCallState}). io_uring has no libc wrappers, so its three calls
 * go through syscall(2); the rest are libc functions. Each returns the raw result or throws
 * {@link SyscallException} naming the errno.
 */
public final class Syscalls {
    private Syscalls() {
    }

    /** x86-64 system call numbers (the same on every architecture since 5.1: the unified table). */
    public static final long SYS_IO_URING_SETUP = 425;
    public static final long SYS_IO_URING_ENTER = 426;
    public static final long SYS_IO_URING_REGISTER = 427;

    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_POPULATE = 0x8000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /** syscall(long number, ...) with six long arguments: unused ones are passed as zero. */
    private static final MethodHandle SYSCALL = downcall("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(1));
    private static final MethodHandle MMAP = downcall("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle MUNMAP = downcall("munmap",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle CLOSE = downcall("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT), CAPTURE_ERRNO);

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new IllegalStateException("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** Thread-confined scratch for the captured errno: calls are made from the thread that owns the ring. */
    private static final ThreadLocal<MemorySegment> STATE = ThreadLocal.withInitial(
            () -> Arena.global().allocate(CALL_STATE));

    private static int lastErrno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** A raw syscall(2); returns its non-negative result or throws with the errno. */
    public static long syscall(String call, Cause cause, long number, long... args) throws SyscallException {
        long[] a = new long[6];
        System.arraycopy(args, 0, a, 0, args.length);
        MemorySegment state = STATE.get();
        long result;
        try {
            result = (long) SYSCALL.invokeExact(state, number, a[0], a[1], a[2], a[3], a[4], a[5]);
        } catch (Throwable t) {
            throw new IllegalStateException("downcall " + call + " failed", t);
        }
        if (result == -1) {
            int errno = lastErrno(state);
            throw new SyscallException(call, errno, cause.explain(errno));
        }
        return result;
    }

    public static long ioUringSetup(int entries, MemorySegment params) throws SyscallException {
        return syscall("io_uring_setup", Causes::setup, SYS_IO_URING_SETUP, entries, params.address());
    }

    public static long ioUringEnter(int fd, int toSubmit, int minComplete, int flags, MemorySegment arg, long argSize)
            throws SyscallException {
        return syscall("io_uring_enter", Causes::enter, SYS_IO_URING_ENTER,
                fd, toSubmit, minComplete, Integer.toUnsignedLong(flags), arg.address(), argSize);
    }

    public static long ioUringRegister(int fd, int opcode, MemorySegment arg, int nrArgs) throws SyscallException {
        return syscall("io_uring_register", Causes::register, SYS_IO_URING_REGISTER,
                fd, Integer.toUnsignedLong(opcode), arg.address(), nrArgs);
    }

    /** mmap(2) of {@code length} bytes; the returned segment has that size. */
    public static MemorySegment mmap(long length, int prot, int flags, int fd, long offset) throws SyscallException {
        MemorySegment state = STATE.get();
        MemorySegment result;
        try {
            result = (MemorySegment) MMAP.invokeExact(state, MemorySegment.NULL, length, prot, flags, fd, offset);
        } catch (Throwable t) {
            throw new IllegalStateException("downcall mmap failed", t);
        }
        if (result.address() == -1L) {
            int errno = lastErrno(state);
            throw new SyscallException("mmap", errno, Causes.mmap(errno));
        }
        return result.reinterpret(length);
    }

    public static void munmap(MemorySegment mapping) throws SyscallException {
        MemorySegment state = STATE.get();
        int result;
        try {
            result = (int) MUNMAP.invokeExact(state, mapping, mapping.byteSize());
        } catch (Throwable t) {
            throw new IllegalStateException("downcall munmap failed", t);
        }
        if (result == -1) {
            throw new SyscallException("munmap", lastErrno(state), "");
        }
    }

    public static void close(int fd) throws SyscallException {
        MemorySegment state = STATE.get();
        int result;
        try {
            result = (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw new IllegalStateException("downcall close failed", t);
        }
        if (result == -1) {
            throw new SyscallException("close", lastErrno(state), "");
        }
    }

    /** Turns an errno of one call into its likely cause, or "" when there is nothing useful to add. */
    @FunctionalInterface
    public interface Cause {
        String explain(int errno);
    }
}
