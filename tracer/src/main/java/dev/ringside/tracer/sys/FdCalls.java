package dev.ringside.tracer.sys;

import dev.ringside.decoders.values.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The libc calls that make file descriptors for SQEs to work on (pipe2, socketpair, eventfd,
 * openat) and plain read/write on them, bound through FFM by {@link Downcalls} with errno
 * captured right after each call. Each returns the result or throws {@link SyscallException}.
 */
public final class FdCalls {
    private FdCalls() {
    }

    /** Values from the x86-64 Linux headers (asm-generic/fcntl.h, bits/socket.h, bits/eventfd.h). */
    public static final int AT_FDCWD = -100;
    public static final int AF_UNIX = 1;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_SEQPACKET = 5;
    public static final int SOCK_CLOEXEC = 02000000;
    public static final int EFD_SEMAPHORE = 01;
    public static final int EFD_NONBLOCK = 04000;
    public static final int EFD_CLOEXEC = 02000000;

    /** A pair of fds made together: pipe (read end, write end) or socketpair. */
    public record FdPair(int first, int second) {
    }

    private static final MethodHandle PIPE2 = Downcalls.bind("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SOCKETPAIR = Downcalls.bind("socketpair",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle EVENTFD = Downcalls.bind("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** openat is variadic: mode is the first variadic argument. */
    private static final MethodHandle OPENAT = Downcalls.bind("openat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(3));
    private static final MethodHandle READ = Downcalls.bind("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = Downcalls.bind("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));

    /** pipe2(2) with O_CLOEXEC added; returns (read end, write end). */
    public static FdPair pipe(int flags) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            Downcalls.call("pipe2", FdCalls::cause, state -> (int) PIPE2.invokeExact(state, fds, flags | (int) OpenFlag.CLOEXEC.value()));
            return new FdPair(fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1));
        }
    }

    /** socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0). */
    public static FdPair socketpair(int type) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            Downcalls.call("socketpair", FdCalls::cause,
                    state -> (int) SOCKETPAIR.invokeExact(state, AF_UNIX, type | SOCK_CLOEXEC, 0, fds));
            return new FdPair(fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1));
        }
    }

    /** eventfd(2) with EFD_CLOEXEC added. */
    public static int eventfd(int initial, int flags) throws SyscallException {
        return (int) Downcalls.call("eventfd", FdCalls::cause, state -> (int) EVENTFD.invokeExact(state, initial, flags | EFD_CLOEXEC));
    }

    /** openat(AT_FDCWD, path, flags | O_CLOEXEC, mode). */
    public static int open(String path, int flags, int mode) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = arena.allocateFrom(path);
            return (int) Downcalls.call("openat " + path, FdCalls::cause, state -> (int) OPENAT.invokeExact(state, AT_FDCWD, cPath,
                    flags | (int) OpenFlag.CLOEXEC.value(), mode));
        }
    }

    /** read(2) into {@code into}, at most its size; returns the bytes read. */
    public static long read(int fd, MemorySegment into) throws SyscallException {
        return Downcalls.call("read", Downcalls::noCause, state -> (long) READ.invokeExact(state, fd, into, into.byteSize()));
    }

    /** write(2) of {@code from}; returns the bytes written. */
    public static long write(int fd, MemorySegment from) throws SyscallException {
        return Downcalls.call("write", Downcalls::noCause, state -> (long) WRITE.invokeExact(state, fd, from, from.byteSize()));
    }

    private static String cause(int errno) {
        return switch (Errno.of(errno).map(Enum::name).orElse("")) {
            case "EMFILE", "ENFILE" -> "too many open files";
            case "EACCES", "EPERM" -> "the process may not open it that way";
            case "EEXIST" -> "O_CREAT|O_EXCL and the file exists";
            case "EISDIR" -> "a directory cannot be opened for writing";
            default -> "";
        };
    }
}
