package dev.ringside.shell.repl;

import dev.ringside.shell.ConsoleFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tab after register/unregister: kinds, each kind's options, and buffer, fd and ring names. */
class ConsoleCompleterRegisterTest {
    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();

    @Test
    void kindsThenOptionsThenNames() {
        console.run("ring create src entries=8");
        console.run("ring create dst entries=8");
        console.run("buf alloc b1 64");
        console.run("pipe p");
        List<String> kinds = console.complete("register ");
        assertTrue(kinds.containsAll(List.of("buffers", "pbuf_ring", "resize_rings", "clone_buffers", "send_msg_ring",
                "iowq_aff", "query", "bpf_filter", "raw")), kinds.toString());
        assertTrue(console.complete("unregister ").containsAll(List.of("buffers", "iowq_aff", "pbuf_ring")));
        List<String> pbuf = console.complete("register pbuf_ring ");
        assertTrue(pbuf.containsAll(List.of("group=", "entries=", "expect=")), pbuf.toString());
        assertFalse(pbuf.contains("b1"), pbuf.toString());
        assertTrue(console.complete("register buffers ").contains("b1"));
        assertTrue(console.complete("register files ").contains("$p.r"));
        assertTrue(console.complete("register eventfd $").contains("$p.w"));
        assertTrue(console.complete("register raw arg=@").contains("arg=@b1"));
        assertTrue(console.complete("register clone_buffers ring=").contains("ring=src"));
        assertTrue(console.complete("register clone_buffers src_fd=").contains("src_fd=%src"));
        assertTrue(console.complete("register send_msg_ring ").contains("ring_fd="));
        assertTrue(console.complete("unregister personality ").contains("id="));
        assertTrue(console.complete("register nosuch ").isEmpty());
    }
}
