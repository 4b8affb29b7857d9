package dev.ringside.tracer.memory;

/** A buffer name, offset or length the user got wrong: one line, naming the buffer and its size. */
public final class BufferException extends IllegalArgumentException {
    public BufferException(String message) {
        super(message);
    }
}
