package dev.ringside.tracer.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The plain system calls scripts cross-check io_uring with ({@code sys ...}): each returns the
 * kernel's answer as a CQE would carry it, the result or -errno, never throwing, so a script can
 * expect a failure as it expects a CQE.
 */
public final class PlainCalls {
    private PlainCalls() {
    }

    /** sizeof(struct statx) (linux/stat.h) and sizeof(struct stat) on x86-64 (asm/stat.h). */
    public static final int STATX_SIZE = 256;
    public static final int STAT_SIZE = 144;
    public static final int AT_EMPTY_PATH = 0x1000;
    /** asm-generic/resource.h. */
    public static final int RLIMIT_NOFILE = 7;
    public static final int RLIMIT_MEMLOCK = 8;

    /** struct rlimit: the soft and hard limit. */
    public static final StructLayout RLIMIT = MemoryLayout.structLayout(
            JAVA_LONG.withName("rlim_cur"), JAVA_LONG.withName("rlim_max")).withName("rlimit");

    /** A limit's two values. */
    public record Limit(long soft, long hard) {
    }

    private static final MethodHandle STATX = Downcalls.bind("statx",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle FSTAT = Downcalls.bind("fstat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle GETRLIMIT = Downcalls.bind("getrlimit", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SETRLIMIT = Downcalls.bind("setrlimit", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    /** One call's answer: the result ({@code >= 0}) or -errno, with the likely cause of a failure. */
    public record Answer(long result, String message) {
        static Answer of(Call call) {
            try {
                return new Answer(call.run(), "");
            } catch (SyscallException e) {
                return new Answer(e.result(), e.getMessage());
            }
        }
    }

    @FunctionalInterface
    interface Call {
        long run() throws SyscallException;
    }

    public static Answer write(int fd, MemorySegment from) {
        return Answer.of(() -> FdCalls.write(fd, from));
    }

    public static Answer read(int fd, MemorySegment into) {
        return Answer.of(() -> FdCalls.read(fd, into));
    }

    public static Answer close(int fd) {
        return Answer.of(() -> {
            Syscalls.close(fd);
            return 0;
        });
    }

    /** statx(dirfd, path, flags, mask, into): into is at least {@link #STATX_SIZE} bytes. */
    public static Answer statx(int dirfd, String path, int flags, int mask, MemorySegment into) {
        return Answer.of(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment cPath = arena.allocateFrom(path);
                return Downcalls.call("statx " + path, Downcalls::noCause,
                        state -> (int) STATX.invokeExact(state, dirfd, cPath, flags, mask, into));
            }
        });
    }

    public static Answer fstat(int fd, MemorySegment into) {
        return Answer.of(() -> Downcalls.call("fstat", Downcalls::noCause, state -> (int) FSTAT.invokeExact(state, fd, into)));
    }

    /** getsockname: the address length the kernel wrote, or -errno. */
    public static Answer getsockname(int fd, MemorySegment into) {
        return Answer.of(() -> SocketCalls.getsockname(fd, into));
    }

    public static Limit getrlimit(int resource) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment limit = arena.allocate(RLIMIT);
            Downcalls.call("getrlimit", Downcalls::noCause, state -> (int) GETRLIMIT.invokeExact(state, resource, limit));
            return new Limit(limit.get(JAVA_LONG, 0), limit.get(JAVA_LONG, 8));
        }
    }

    public static Answer setrlimit(int resource, Limit limit) {
        return Answer.of(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment value = arena.allocate(RLIMIT);
                value.set(JAVA_LONG, RLIMIT.byteOffset(MemoryLayout.PathElement.groupElement("rlim_cur")), limit.soft());
                value.set(JAVA_LONG, RLIMIT.byteOffset(MemoryLayout.PathElement.groupElement("rlim_max")), limit.hard());
                return Downcalls.call("setrlimit", PlainCalls::rlimitCause,
                        state -> (int) SETRLIMIT.invokeExact(state, resource, value));
            }
        });
    }

    private static String rlimitCause(int errno) {
        return switch (dev.ringside.decoders.values.Errno.of(errno).map(Enum::name).orElse("")) {
            case "EPERM" -> "raising the hard limit needs CAP_SYS_RESOURCE";
            case "EINVAL" -> "soft is above hard, or NOFILE above fs.nr_open";
            default -> "";
        };
    }
}
