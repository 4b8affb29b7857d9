package dev.ringside.shell.session;

/** The terminal's keys, for commands that run until one is pressed (watch). */
public interface Keyboard {
    /** Puts the terminal in raw mode, so one key counts without Enter; closing restores it. */
    AutoCloseable raw();

    /** Waits at most {@code millis} for a key; true (and the key consumed) when one was pressed. */
    boolean pressed(long millis);
}
