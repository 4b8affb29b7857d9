package dev.ringside.shell.explain;

import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.RingConfig;
import dev.ringside.tracer.sys.FdCalls;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A scratch fd of the same kind as one the user's SQE names, so a trial reads, writes or waits on it
 * and never on the user's: a socket gets a fresh socketpair end, a pipe end a fresh pipe's end of the
 * same direction, an eventfd a fresh eventfd, a ring a fresh ring, anything else /dev/null.
 */
final class ScratchFds {
    /** O_ACCMODE and O_WRONLY (asm-generic/fcntl.h). */
    private static final int O_ACCMODE = 3;
    private static final int O_WRONLY = 1;
    private static final int O_RDWR = 2;

    private ScratchFds() {
    }

    /** The scratch fd and what to close with it. */
    record Scratch(int fd, AutoCloseable cleanup) {
    }

    static Optional<Scratch> of(int fd) {
        String target;
        try {
            target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty(); // no such fd: the trial keeps the number, and the kernel says EBADF as before
        }
        try {
            if (target.startsWith("socket:")) {
                FdCalls.FdPair pair = FdCalls.socketpair(FdCalls.SOCK_STREAM);
                return Optional.of(new Scratch(pair.first(), () -> closeAll(pair.first(), pair.second())));
            }
            if (target.startsWith("pipe:")) {
                FdCalls.FdPair pair = FdCalls.pipe(0);
                int end = (accessMode(fd) & O_ACCMODE) == O_WRONLY ? pair.second() : pair.first();
                return Optional.of(new Scratch(end, () -> closeAll(pair.first(), pair.second())));
            }
            if (target.equals("anon_inode:[eventfd]")) {
                int e = FdCalls.eventfd(0, FdCalls.EFD_CLOEXEC);
                return Optional.of(new Scratch(e, () -> closeAll(e)));
            }
            if (target.equals("anon_inode:[io_uring]")) {
                Ring ring = Ring.create(RingConfig.of(8, 0));
                return Optional.of(new Scratch(ring.fd(), ring::close));
            }
            int n = FdCalls.open("/dev/null", O_RDWR, 0);
            return Optional.of(new Scratch(n, () -> closeAll(n)));
        } catch (SyscallException e) {
            throw new IllegalStateException("cannot make a scratch fd for fd " + fd + ": " + e.getMessage(), e);
        }
    }

    /** The fd's open flags from /proc/self/fdinfo (octal), for a pipe end's direction. */
    private static int accessMode(int fd) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
                if (line.startsWith("flags:")) {
                    return Integer.parseInt(line.substring(6).trim(), 8);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static void closeAll(int... fds) throws SyscallException {
        for (int fd : List.of(java.util.Arrays.stream(fds).boxed().toArray(Integer[]::new))) {
            Syscalls.close(fd);
        }
    }
}
