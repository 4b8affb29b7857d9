package dev.ringside.shell.repl;

import dev.ringside.shell.session.Keyboard;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

import java.io.IOException;

/** The JLine terminal's keys: raw mode so one key counts, a bounded peek so waiting never spins. */
record TerminalKeyboard(Terminal terminal) implements Keyboard {
    @Override
    public AutoCloseable raw() {
        Attributes previous = terminal.enterRawMode();
        return () -> terminal.setAttributes(previous);
    }

    @Override
    public boolean pressed(long millis) {
        try {
            int c = terminal.reader().peek(Math.max(1, millis));
            if (c == NonBlockingReader.READ_EXPIRED) {
                return false;
            }
            if (c >= 0) {
                terminal.reader().read(); // the key only stops the watch; it must not reach the next prompt
            }
            return true; // a key, or the end of input: nothing more will come to stop it
        } catch (IOException e) {
            return true;
        }
    }
}
