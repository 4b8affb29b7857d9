package dev.ringside.shell.kernel;

/** A kernel could not be had or booted; the message is one line for the user. */
public final class KernelUnavailable extends RuntimeException {
    public KernelUnavailable(String message) {
        super(message);
    }
}
