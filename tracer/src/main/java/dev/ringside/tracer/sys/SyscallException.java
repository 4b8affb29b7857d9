package dev.ringside.tracer.sys;

import dev.ringside.decoders.values.Errno;

/**
 * A system call that failed: which call, the errno the kernel returned, and the likely cause in
 * one line. The kernel's answer is the message; nothing is retried or hidden.
 */
public class SyscallException extends Exception {
    private final String call;
    private final int errno;
    private final String likelyCause;

    public SyscallException(String call, int errno, String likelyCause) {
        super(call + ": " + describe(errno) + (likelyCause.isEmpty() ? "" : " - " + likelyCause));
        this.call = call;
        this.errno = errno;
        this.likelyCause = likelyCause;
    }

    public String call() {
        return call;
    }

    /** The positive errno number. */
    public int errno() {
        return errno;
    }

    /** {@code -EINVAL}, as a CQE would carry it. */
    public int result() {
        return -errno;
    }

    public String likelyCause() {
        return likelyCause;
    }

    public static String describe(int errno) {
        return Errno.of(errno).map(e -> "-" + e.name() + " (" + e.description() + ")").orElse("errno " + errno);
    }
}
