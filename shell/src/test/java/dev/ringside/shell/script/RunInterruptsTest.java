package dev.ringside.shell.script;

import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.Writer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A SIGINT between two scripts is not lost: it stays pending until a script is stopped by it (SigintRunTest sends real ones). */
class RunInterruptsTest {
    @Test
    void aPendingSigintIsKeptUntilAScriptIsInterruptedByIt() {
        RunInterrupts interrupts = RunInterrupts.none();
        interrupts.interrupted(); // between two scripts: no session to cancel
        assertTrue(interrupts.stopRequested());
        try (Session session = new Session(new PrintWriter(Writer.nullWriter()), Style.detect(false, null))) {
            interrupts.begin(session);
            assertTrue(interrupts.stopRequested(), "the next script must see the pending Ctrl-C");
            interrupts.end(ScriptRunner.PASSED);
            assertTrue(interrupts.stopRequested(), "a script that did not stop did not consume it");
            interrupts.begin(session);
            interrupts.end(ScriptRunner.INTERRUPTED);
            assertFalse(interrupts.stopRequested());
        }
    }
}
