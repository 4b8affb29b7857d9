package dev.ringside.tracer.bpf;

/** A step of loading or attaching a BPF program that failed: the call, the kernel's or libbpf's errno (0: none), why. */
public class BpfException extends Exception {
    private final String step;
    private final int errno;

    public BpfException(String step, int errno, String message) {
        super(message);
        this.step = step;
        this.errno = errno;
    }

    public String step() {
        return step;
    }

    public int errno() {
        return errno;
    }
}
