package dev.ringside.tracer.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Child processes without fork: posix_spawnp (glibc's is a CLONE_VM|CLONE_VFORK clone, safe in a
 * JVM), its pidfd (pidfd_open), SIGKILL through the pidfd (never a reused pid) and waitid(P_PIDFD)
 * to reap it. The child gets the console's environment; every console fd is CLOEXEC, so it inherits none.
 */
public final class ProcessCalls {
    private ProcessCalls() {
    }

    /** x86-64 syscall numbers (asm/unistd_64.h) and values from linux/wait.h, asm-generic/signal.h. */
    static final long SYS_PIDFD_OPEN = 434;
    static final long SYS_PIDFD_SEND_SIGNAL = 424;
    static final long SYS_WAITID = 247;
    public static final int P_PIDFD = 3;
    public static final int WNOHANG = 1;
    public static final int WEXITED = 4;
    public static final int SIGKILL = 9;
    /** sizeof(siginfo_t); si_pid at 16, si_status at 24 (asm-generic/siginfo.h, x86-64). */
    static final int SIGINFO_SIZE = 128;
    static final long SI_PID = 16;
    static final long SI_STATUS = 24;
    static final long SI_CODE = 8;
    /** CLD_EXITED: si_status is the exit code; otherwise the signal. */
    public static final int CLD_EXITED = 1;

    private static final MethodHandle SPAWNP = Downcalls.bind("posix_spawnp",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle SYSCALL5 = Downcalls.bind("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    private static final MemorySegment ENVIRON = Linker.nativeLinker().defaultLookup().find("environ")
            .orElseThrow(() -> new IllegalStateException("libc has no environ")).reinterpret(ADDRESS.byteSize());

    /** How a reaped child ended: exited with a code, or killed by a signal. */
    public record Exit(int pid, boolean exited, int status) {
        public String describe() {
            return exited ? "exited " + status : "killed by signal " + status;
        }
    }

    /** posix_spawnp(PROGRAM, argv) with the console's environment; the child's pid. */
    public static int spawn(List<String> argv) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment args = arena.allocate(ADDRESS, argv.size() + 1L);
            for (int i = 0; i < argv.size(); i++) {
                args.setAtIndex(ADDRESS, i, arena.allocateFrom(argv.get(i)));
            }
            args.setAtIndex(ADDRESS, argv.size(), MemorySegment.NULL);
            MemorySegment pid = arena.allocate(JAVA_INT);
            MemorySegment file = arena.allocateFrom(argv.getFirst());
            MemorySegment env = ENVIRON.get(ADDRESS, 0);
            int error;
            try {
                // posix_spawn returns the error number itself, never -1
                error = (int) SPAWNP.invokeExact(Downcalls.allocateState(arena), pid, file, MemorySegment.NULL,
                        MemorySegment.NULL, args, env);
            } catch (Throwable t) {
                throw Downcalls.failed("posix_spawnp", t);
            }
            if (error != 0) {
                throw new SyscallException("posix_spawnp " + argv.getFirst(), error, spawnCause(error));
            }
            return pid.get(JAVA_INT, 0);
        }
    }

    /** pidfd_open(pid, 0), CLOEXEC by definition. */
    public static int pidfdOpen(int pid) throws SyscallException {
        return (int) Downcalls.call("pidfd_open", Downcalls::noCause,
                state -> (long) SYSCALL5.invokeExact(state, SYS_PIDFD_OPEN, (long) pid, 0L, 0L, 0L, 0L));
    }

    /** pidfd_send_signal(pidfd, sig, NULL, 0); -ESRCH (as a result, not thrown) when the child has exited. */
    public static long signal(int pidfd, int signal) {
        try {
            return Downcalls.call("pidfd_send_signal", Downcalls::noCause,
                    state -> (long) SYSCALL5.invokeExact(state, SYS_PIDFD_SEND_SIGNAL, (long) pidfd, (long) signal, 0L, 0L, 0L));
        } catch (SyscallException e) {
            return e.result();
        }
    }

    /**
     * waitid(P_PIDFD, pidfd, WEXITED | (block ? 0 : WNOHANG)): the exit, empty when it still runs,
     * or -ECHILD thrown when someone (a WAITID SQE) reaped it already.
     */
    public static java.util.Optional<Exit> reap(int pidfd, boolean block) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(SIGINFO_SIZE);
            long options = WEXITED | (block ? 0 : WNOHANG);
            Downcalls.call("waitid P_PIDFD", Downcalls::noCause,
                    state -> (long) SYSCALL5.invokeExact(state, SYS_WAITID, (long) P_PIDFD, (long) pidfd, info.address(), options, 0L));
            int pid = info.get(JAVA_INT, SI_PID);
            if (pid == 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Exit(pid, info.get(JAVA_INT, SI_CODE) == CLD_EXITED, info.get(JAVA_INT, SI_STATUS)));
        }
    }

    private static String spawnCause(int errno) {
        return switch (dev.ringside.decoders.values.Errno.of(errno).map(Enum::name).orElse("")) {
            case "ENOENT" -> "no such program (PATH is searched when it has no '/')";
            case "EACCES" -> "the program is not executable";
            case "ENOEXEC" -> "not an executable format";
            case "EAGAIN" -> "RLIMIT_NPROC reached";
            default -> "";
        };
    }
}
