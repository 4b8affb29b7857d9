package dev.ringside.tracer.sys;

import dev.ringside.decoders.values.Errno;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.RingConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw syscall stub against glibc's syscall(2), the oracle: the same io_uring_enter through both gets the same
 * answer, the stub's as -errno and glibc's as -1 with errno set, on the kernel's failures (the numbers from the uapi
 * headers) and its successes.
 */
class RawSyscallTest {
    private static final long SYS_GETPID = 39;
    private static final int GETEVENTS = 1;
    private static final int EXT_ARG = 8;

    @Test
    void theStubIsMadeOnX86_64() {
        Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64"), "the stub is x86-64 code");
        assertTrue(RawSyscall.available(), RawSyscall.unavailableReason());
    }

    @Test
    void getpidThroughTheStubIsThisProcess() throws Throwable {
        Assumptions.assumeTrue(RawSyscall.available(), RawSyscall::unavailableReason);
        for (MethodHandle handle : new MethodHandle[] {RawSyscall.bind(), RawSyscall.bind(java.lang.foreign.Linker.Option.critical(false))}) {
            assertEquals(ProcessHandle.current().pid(), (long) handle.invokeExact(SYS_GETPID, 0L, 0L, 0L, 0L, 0L, 0L));
        }
    }

    /** errno of one io_uring_enter through the stub, and through glibc: 0 when it succeeded. */
    private static int[] bothErrnos(int fd, int toSubmit, int minComplete, int flags, MemorySegment arg, long argSize)
            throws Throwable {
        long raw = (long) RawSyscall.bind().invokeExact(Syscalls.SYS_IO_URING_ENTER, (long) fd, (long) toSubmit,
                (long) minComplete, Integer.toUnsignedLong(flags), arg.address(), argSize);
        CallState state = CallState.ofCurrentThread();
        long libc = Syscalls.libcEnter(state, fd, toSubmit, minComplete, flags, arg, argSize);
        int libcErrno = libc == -1 ? state.segment().get(ValueLayout.JAVA_INT, 0) : 0;
        return new int[] {RawSyscall.errno(raw), libcErrno};
    }

    @Test
    void theStubAndGlibcAgreeOnTheKernelsAnswers() throws Throwable {
        Assumptions.assumeTrue(RawSyscall.available(), RawSyscall::unavailableReason);
        assertEquals(0, java.lang.foreign.Linker.Option.captureStateLayout().byteOffset(
                java.lang.foreign.MemoryLayout.PathElement.groupElement("errno")), "errno read at offset 0 below");
        FdCalls.FdPair pipe = FdCalls.pipe(0);
        try (Ring ring = Ring.create(RingConfig.of(4, 0)); Arena arena = Arena.ofConfined()) {
            // struct io_uring_getevents_arg { sigmask, sigmask_sz, min_wait_usec, ts } with ts -> 1 ms
            MemorySegment ts = arena.allocate(16, 8);
            ts.set(ValueLayout.JAVA_LONG, 8, 1_000_000L);
            MemorySegment arg = arena.allocate(24, 8);
            arg.set(ValueLayout.JAVA_LONG, 16, ts.address());
            Object[][] cases = {
                    {"fd -1", -1, 0, 0, 0, MemorySegment.NULL, 0L, Errno.EBADF},
                    {"a pipe, not a ring", pipe.first(), 0, 0, 0, MemorySegment.NULL, 0L, Errno.EOPNOTSUPP},
                    {"an enter flag no kernel has", ring.fd(), 0, 0, 1 << 30, MemorySegment.NULL, 0L, Errno.EINVAL},
                    {"a 1 ms wait for a CQE that never comes", ring.fd(), 0, 1, GETEVENTS | EXT_ARG, arg, 24L, Errno.ETIME},
                    {"nothing to do", ring.fd(), 0, 0, 0, MemorySegment.NULL, 0L, null},
            };
            for (Object[] c : cases) {
                int[] errnos = bothErrnos((int) c[1], (int) c[2], (int) c[3], (int) c[4], (MemorySegment) c[5], (long) c[6]);
                int expected = c[7] == null ? 0 : ((Errno) c[7]).number();
                assertEquals(expected, errnos[1], c[0] + ": glibc's errno");
                assertEquals(errnos[1], errnos[0], c[0] + ": the stub's -errno");
            }
            SyscallException e = assertThrows(SyscallException.class,
                    () -> Syscalls.ioUringEnter(CallState.ofCurrentThread(), pipe.first(), 0, 0, 0, MemorySegment.NULL, 0));
            assertEquals(Errno.EOPNOTSUPP.number(), e.errno());
            assertTrue(e.getMessage().contains("not an io_uring"), e.getMessage());
        } finally {
            Syscalls.close(pipe.first());
            Syscalls.close(pipe.second());
        }
    }
}
