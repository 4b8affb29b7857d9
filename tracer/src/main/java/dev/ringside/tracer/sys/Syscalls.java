package dev.ringside.tracer.sys;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The raw system calls ringside makes, bound through FFM by {@link Downcalls} with errno captured
 * right after each call. io_uring has no libc wrappers, so its three calls
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

    /** syscall(long number, ...) with six long arguments: unused ones are passed as zero. */
    private static final MethodHandle SYSCALL = Downcalls.bind("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    private static final MethodHandle MMAP = Downcalls.bind("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = Downcalls.bind("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = Downcalls.bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    /** A raw syscall(2); returns its non-negative result or throws with the errno. */
    public static long syscall(String call, Cause cause, long number, long... args) throws SyscallException {
        long[] a = new long[6];
        System.arraycopy(args, 0, a, 0, args.length);
        return Downcalls.call(call, cause, state -> (long) SYSCALL.invokeExact(state, number, a[0], a[1], a[2], a[3], a[4], a[5]));
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
        // MAP_FAILED is (void *) -1, the same -1 the other calls fail with
        long address = Downcalls.call("mmap", Causes::mmap,
                state -> ((MemorySegment) MMAP.invokeExact(state, MemorySegment.NULL, length, prot, flags, fd, offset)).address());
        return MemorySegment.ofAddress(address).reinterpret(length);
    }

    public static void munmap(MemorySegment mapping) throws SyscallException {
        Downcalls.call("munmap", Downcalls::noCause, state -> (int) MUNMAP.invokeExact(state, mapping, mapping.byteSize()));
    }

    public static void close(int fd) throws SyscallException {
        Downcalls.call("close", Downcalls::noCause, state -> (int) CLOSE.invokeExact(state, fd));
    }

    /** Turns an errno of one call into its likely cause, or "" when there is nothing useful to add. */
    @FunctionalInterface
    public interface Cause {
        String explain(int errno);
    }
}
