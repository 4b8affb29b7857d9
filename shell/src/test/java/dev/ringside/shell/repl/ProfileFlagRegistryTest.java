package dev.ringside.shell.repl;

import dev.ringside.shell.ConsoleFixture;
import dev.ringside.decoders.flags.FlagSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flag a profile adds lives in the one registry (the session's catalogue): after profile load
 * bpf-ext, ring create parses flags=BPF_EXT and Tab offers it; before, neither.
 */
class ProfileFlagRegistryTest {
    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();

    @Test
    void aProfileFlagIsParsedAndCompletedFromTheSameRegistry() {
        assertFalse(console.complete("ring create r flags=").contains("flags=BPF_EXT"), "not offered before the profile");
        String refused = console.runOrError("ring create r flags=BPF_EXT");
        assertTrue(refused.contains("unknown setup flag 'BPF_EXT'"), refused);

        console.runOrError("profile load bpf-ext");
        List<String> offered = console.complete("ring create r flags=SQPOLL|");
        assertTrue(offered.contains("flags=SQPOLL|BPF_EXT"), offered.toString());
        assertEquals(0x200000L, console.session().catalog().flags(FlagSets.SETUP).parse("BPF_EXT"), "the profile's value");
        // this kernel has no IORING_SETUP_BPF_EXT, so io_uring_setup refuses the ring; the name parsed
        String created = console.runOrError("ring create r flags=BPF_EXT");
        assertFalse(created.contains("unknown setup flag"), created);
    }
}
