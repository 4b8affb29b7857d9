package dev.ringside.shell.repl;

import dev.ringside.shell.ConsoleFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tab after expect cqe: its options, ring= among them, and ring names after ring=. */
class ConsoleCompleterExpectTest {
    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();

    @Test
    void expectOffersRingAndTheRingsNames() {
        console.run("ring create a entries=8");
        console.run("ring create b entries=8");
        List<String> options = console.complete("expect cqe ");
        assertTrue(options.containsAll(List.of("user_data=", "res=", "flags=", "bid=", "timeout=", "ring=")), options.toString());
        List<String> rings = console.complete("expect cqe ring=");
        assertTrue(rings.containsAll(List.of("ring=a", "ring=b")), rings.toString());
    }
}
