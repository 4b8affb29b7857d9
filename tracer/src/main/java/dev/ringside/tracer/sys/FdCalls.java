package dev.ringside.tracer.sys;

import dev.ringside.decoders.values.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The libc calls that make file descriptors for SQEs to work on (pipe2, socketpair, eventfd,
 * openat) and plain read/write on them, bound through FFM with errno captured right after each
 * call, as {@link Syscalls} does. Each returns the result or throws {@link SyscallException}.
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

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final ThreadLocal<MemorySegment> STATE = ThreadLocal.withInitial(
            () -> Arena.global().allocate(CALL_STATE));

    private static final MethodHandle PIPE2 = downcall("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SOCKETPAIR = downcall("socketpair",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle EVENTFD = downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** openat is variadic: mode is the first variadic argument. */
    private static final MethodHandle OPENAT = downcall("openat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(3));
    private static final MethodHandle READ = downcall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("libc has no " + name));
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** pipe2(2) with O_CLOEXEC added; returns (read end, write end). */
    public static FdPair pipe(int flags) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            MemorySegment state = STATE.get();
            int result = invokeInt("pipe2", () -> (int) PIPE2.invokeExact(state, fds, flags | (int) OpenFlag.CLOEXEC.value()));
            check("pipe2", result, state);
            return new FdPair(fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1));
        }
    }

    /** socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0). */
    public static FdPair socketpair(int type) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            MemorySegment state = STATE.get();
            int result = invokeInt("socketpair",
                    () -> (int) SOCKETPAIR.invokeExact(state, AF_UNIX, type | SOCK_CLOEXEC, 0, fds));
            check("socketpair", result, state);
            return new FdPair(fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1));
        }
    }

    /** eventfd(2) with EFD_CLOEXEC added. */
    public static int eventfd(int initial, int flags) throws SyscallException {
        MemorySegment state = STATE.get();
        int result = invokeInt("eventfd", () -> (int) EVENTFD.invokeExact(state, initial, flags | EFD_CLOEXEC));
        return check("eventfd", result, state);
    }

    /** openat(AT_FDCWD, path, flags | O_CLOEXEC, mode). */
    public static int open(String path, int flags, int mode) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = arena.allocateFrom(path);
            MemorySegment state = STATE.get();
            int result = invokeInt("openat", () -> (int) OPENAT.invokeExact(state, AT_FDCWD, cPath,
                    flags | (int) OpenFlag.CLOEXEC.value(), mode));
            return check("openat " + path, result, state);
        }
    }

    /** read(2) into {@code into}, at most its size; returns the bytes read. */
    public static long read(int fd, MemorySegment into) throws SyscallException {
        MemorySegment state = STATE.get();
        long result = invokeLong("read", () -> (long) READ.invokeExact(state, fd, into, into.byteSize()));
        if (result == -1) {
            throw new SyscallException("read", lastErrno(state), "");
        }
        return result;
    }

    /** write(2) of {@code from}; returns the bytes written. */
    public static long write(int fd, MemorySegment from) throws SyscallException {
        MemorySegment state = STATE.get();
        long result = invokeLong("write", () -> (long) WRITE.invokeExact(state, fd, from, from.byteSize()));
        if (result == -1) {
            throw new SyscallException("write", lastErrno(state), "");
        }
        return result;
    }

    private static int check(String call, int result, MemorySegment state) throws SyscallException {
        if (result == -1) {
            int errno = lastErrno(state);
            throw new SyscallException(call, errno, cause(errno));
        }
        return result;
    }

    private static int lastErrno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
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

    @FunctionalInterface
    private interface IntCall {
        int call() throws Throwable;
    }

    @FunctionalInterface
    private interface LongCall {
        long call() throws Throwable;
    }

    private static int invokeInt(String name, IntCall call) {
        try {
            return call.call();
        } catch (Throwable t) {
            throw new IllegalStateException("downcall " + name + " failed", t);
        }
    }

    private static long invokeLong(String name, LongCall call) {
        try {
            return call.call();
        } catch (Throwable t) {
            throw new IllegalStateException("downcall " + name + " failed", t);
        }
    }
}
