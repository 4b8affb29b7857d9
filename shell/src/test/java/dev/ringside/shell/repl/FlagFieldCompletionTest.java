package dev.ringside.shell.repl;

import dev.ringside.shell.ConsoleFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flag names complete in every flag-valued field, SQE fields and register arguments, and a flag given is not offered again. */
class FlagFieldCompletionTest {
    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();

    @Test
    void rwFlagsOfferRwfNamesAndNotOnesAlreadyGiven() {
        assertEquals(List.of("rw_flags=HIPRI", "rw_flags=DSYNC", "rw_flags=SYNC", "rw_flags=NOWAIT", "rw_flags=APPEND",
                "rw_flags=NOAPPEND"), console.complete("sqe read rw_flags="));
        List<String> after = console.complete("sqe writev rw_flags=NOWAIT|");
        assertFalse(after.contains("rw_flags=NOWAIT|NOWAIT"), after.toString());
        assertTrue(after.contains("rw_flags=NOWAIT|DSYNC"), after.toString());
        assertTrue(console.complete("sqe read_multishot rw_flags=").contains("rw_flags=NOWAIT"));
    }

    @Test
    void acceptFlagsOfferSockNames() {
        assertEquals(List.of("accept_flags=NONBLOCK", "accept_flags=CLOEXEC"), console.complete("sqe accept accept_flags="));
        assertEquals(List.of("accept_flags=NONBLOCK|CLOEXEC"), console.complete("sqe accept accept_flags=NONBLOCK|"));
    }

    @Test
    void theNamesParseToTheHeadersValues() {
        console.run("ring create");
        console.run("sqe accept fd=3 accept_flags=NONBLOCK|CLOEXEC");
        assertTrue(console.run("sqe show").contains("accept_flags  NONBLOCK|CLOEXEC"));
        // the op_flags word at byte 28: SOCK_NONBLOCK 04000 | SOCK_CLOEXEC 02000000 = 0x80800, little-endian
        assertEquals("00080800", opFlagsBytes(console.run("sqe show --json")));
        console.run("sqe read fd=3 rw_flags=NOWAIT|HIPRI");
        assertEquals("09000000", opFlagsBytes(console.run("sqe show --json")));
        assertTrue(console.error("sqe read fd=3 rw_flags=NOWAT").contains("NOWAT"));
    }

    private static String opFlagsBytes(String json) {
        String bytes = json.substring(json.indexOf("\"bytes\":\"") + 9);
        return bytes.substring(2 * 28, 2 * 32);
    }

    @Test
    void registerArgumentFlagsComplete() {
        List<String> flags = console.complete("register zcrx_ifq flags=");
        assertTrue(flags.containsAll(List.of("flags=IMPORT", "flags=NODEV")), flags.toString());
        List<String> more = console.complete("register zcrx_ifq flags=IMPORT|");
        assertFalse(more.contains("flags=IMPORT|IMPORT"), more.toString());
        assertTrue(more.contains("flags=IMPORT|NODEV"), more.toString());
    }
}
