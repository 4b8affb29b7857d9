package dev.ringside.tracer.sys;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

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
    public static final int PROT_EXEC = 0x4;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_POPULATE = 0x8000;

    /** x86-64 numbers of the memory and fd calls, made through the same syscall(2) handle (asm/unistd_64.h). */
    private static final long SYS_CLOSE = 3;
    private static final long SYS_MMAP = 9;
    private static final long SYS_MPROTECT = 10;
    private static final long SYS_MUNMAP = 11;

    // syscall(long number, ...) with six long arguments, for every call here (unused ones are 0, which the kernel
    // ignores): binding a handle spins classes, a tenth of a script run's start-up when it was five handles.
    // Bound at the first call, in a holder class of its own.
    private static final class Syscall6 {
        static final MethodHandle HANDLE = syscallOfArity(6);
    }

    /**
     * io_uring_enter's handles, on the {@link RawSyscall} stub (-errno returned, nothing captured): a critical one (no
     * thread-state transition, no safepoint poll around it) only for an enter that cannot wait ({@link #ioUringEnter}),
     * since a critical call holds off safepoints while it runs, and an ordinary one for the others. Bound at the first
     * enter or by {@link #prepare}; null where the stub could not be made, and enters go through {@link Syscall6}.
     */
    private static final class RawEnter {
        static final boolean AVAILABLE = RawSyscall.available();
        static final MethodHandle CRITICAL = AVAILABLE ? RawSyscall.bind(Linker.Option.critical(false)) : null;
        static final MethodHandle ORDINARY = AVAILABLE ? RawSyscall.bind() : null;
    }

    /** IORING_ENTER_GETEVENTS and IORING_ENTER_SQ_WAIT: an enter with either may sleep in the kernel. */
    private static final int ENTER_MAY_WAIT = 1 | 4;

    /** getpid(2): no effect, never fails; the call {@link #prepare} makes through each handle. */
    private static final long SYS_GETPID = 39;

    /**
     * Binds the syscall(2) handle and the enter handles now, not at the first call, and calls getpid through each:
     * start-up does it on another thread while the session is made. The libc handle comes first (io_uring_setup and
     * the stub's mmap need it); the call links the invokers of the handle's type, which the first io_uring_setup
     * linked on the main thread before; the enter handles, which hello's first submit bound on the main thread, last.
     */
    public static void prepare() {
        try {
            Downcalls.call("getpid", Downcalls::noCause, state -> (long) Syscall6.HANDLE.invokeExact(state, SYS_GETPID,
                    0L, 0L, 0L, 0L, 0L, 0L));
            if (RawEnter.AVAILABLE) {
                // the pids themselves are not needed: the calls link the two stubs
                long viaCritical = (long) RawEnter.CRITICAL.invokeExact(SYS_GETPID, 0L, 0L, 0L, 0L, 0L, 0L);
                long viaOrdinary = (long) RawEnter.ORDINARY.invokeExact(SYS_GETPID, 0L, 0L, 0L, 0L, 0L, 0L);
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t); // getpid cannot fail
        }
    }

    private static MethodHandle syscallOfArity(int arity) {
        java.lang.foreign.MemoryLayout[] args = new java.lang.foreign.MemoryLayout[arity + 1];
        java.util.Arrays.fill(args, JAVA_LONG);
        return Downcalls.bind("syscall", FunctionDescriptor.of(JAVA_LONG, args), Linker.Option.firstVariadicArg(1));
    }

    public static long ioUringSetup(int entries, MemorySegment params) throws SyscallException {
        return Downcalls.call("io_uring_setup", Causes::setup,
                state -> (long) Syscall6.HANDLE.invokeExact(state, SYS_IO_URING_SETUP, (long) entries, params.address(), 0L, 0L, 0L, 0L));
    }

    /**
     * io_uring_enter through the {@link RawSyscall} stub, its -errno turned into the exception; where there is no stub,
     * through libc's syscall(2) with errno captured in the calling ring's own slot. No lookup, no array, no lambda per
     * call. An enter that cannot wait (min_complete 0, neither GETEVENTS nor SQ_WAIT: a submit, an SQPOLL wakeup) goes
     * through the critical handle, which skips the native thread-state transition (a batch-1 round trip is one such
     * enter); every other goes through the ordinary one, so a wait never holds off a safepoint.
     */
    public static long ioUringEnter(CallState state, int fd, int toSubmit, int minComplete, int flags, MemorySegment arg,
                                    long argSize) throws SyscallException {
        if (!RawEnter.AVAILABLE) {
            return Downcalls.checked("io_uring_enter", Causes::enter, state.segment(), libcEnter(state, fd, toSubmit,
                    minComplete, flags, arg, argSize));
        }
        long result;
        try {
            // two call sites, each on a constant handle, so each is inlined (one on a chosen handle would not be)
            if (minComplete == 0 && (flags & ENTER_MAY_WAIT) == 0) {
                result = (long) RawEnter.CRITICAL.invokeExact(SYS_IO_URING_ENTER, (long) fd, (long) toSubmit, 0L,
                        Integer.toUnsignedLong(flags), arg.address(), argSize);
            } else {
                result = (long) RawEnter.ORDINARY.invokeExact(SYS_IO_URING_ENTER, (long) fd, (long) toSubmit,
                        (long) minComplete, Integer.toUnsignedLong(flags), arg.address(), argSize);
            }
        } catch (Throwable t) {
            throw Downcalls.failed("io_uring_enter", t);
        }
        int errno = RawSyscall.errno(result);
        if (errno != 0) {
            throw new SyscallException("io_uring_enter", errno, Causes.enter(errno));
        }
        return result;
    }

    /** io_uring_enter through libc's syscall(2), errno captured in the ring's slot: where the raw stub is not. */
    static long libcEnter(CallState state, int fd, int toSubmit, int minComplete, int flags, MemorySegment arg, long argSize) {
        try {
            return (long) Syscall6.HANDLE.invokeExact(state.segment(), SYS_IO_URING_ENTER, (long) fd, (long) toSubmit,
                    (long) minComplete, Integer.toUnsignedLong(flags), arg.address(), argSize);
        } catch (Throwable t) {
            throw Downcalls.failed("io_uring_enter", t);
        }
    }

    public static long ioUringRegister(int fd, int opcode, MemorySegment arg, int nrArgs) throws SyscallException {
        return Downcalls.call("io_uring_register", Causes::register, state -> (long) Syscall6.HANDLE.invokeExact(state,
                SYS_IO_URING_REGISTER, (long) fd, Integer.toUnsignedLong(opcode), arg.address(), (long) nrArgs, 0L, 0L));
    }

    /** mmap(2) of {@code length} bytes; the returned segment has that size. */
    public static MemorySegment mmap(long length, int prot, int flags, int fd, long offset) throws SyscallException {
        // MAP_FAILED is (void *) -1, the same -1 the other calls fail with
        long address = Downcalls.call("mmap", Causes::mmap, state -> (long) Syscall6.HANDLE.invokeExact(state, SYS_MMAP, 0L, length,
                Integer.toUnsignedLong(prot), Integer.toUnsignedLong(flags), (long) fd, offset));
        return MemorySegment.ofAddress(address).reinterpret(length);
    }

    /** mprotect(2) of a whole mapping. */
    public static void mprotect(MemorySegment mapping, int prot) throws SyscallException {
        Downcalls.call("mprotect", Downcalls::noCause, state -> (long) Syscall6.HANDLE.invokeExact(state, SYS_MPROTECT,
                mapping.address(), mapping.byteSize(), Integer.toUnsignedLong(prot), 0L, 0L, 0L));
    }

    public static void munmap(MemorySegment mapping) throws SyscallException {
        Downcalls.call("munmap", Downcalls::noCause, state -> (long) Syscall6.HANDLE.invokeExact(state, SYS_MUNMAP, mapping.address(),
                mapping.byteSize(), 0L, 0L, 0L, 0L));
    }

    public static void close(int fd) throws SyscallException {
        Downcalls.call("close", Downcalls::noCause, state -> (long) Syscall6.HANDLE.invokeExact(state, SYS_CLOSE, (long) fd,
                0L, 0L, 0L, 0L, 0L));
    }

    /** Turns an errno of one call into its likely cause, or "" when there is nothing useful to add. */
    @FunctionalInterface
    public interface Cause {
        String explain(int errno);
    }
}
