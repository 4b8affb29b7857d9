package dev.ringside.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Runs a script in a fresh session as {@code ./ringside FILE} does; checks the exit code and that no stack trace leaked. */
public final class Scripts {
    private Scripts() {
    }

    /** Writes {@code script} to dir/t.iou and runs it. */
    public static String run(Path dir, String script, int expectedExit) throws IOException {
        Path file = dir.resolve("t.iou");
        Files.writeString(file, script);
        return run(file, expectedExit);
    }

    public static String run(Path file, int expectedExit) {
        StringWriter out = new StringWriter();
        int code = Main.runScript(file, new PrintWriter(out, true));
        String text = out.toString();
        assertEquals(expectedExit, code, text);
        assertFalse(text.contains("Exception"), text);
        assertFalse(text.contains("\tat "), text);
        return text;
    }
}
