package dev.ringside.shell.repl;

import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tab after register/unregister: kinds, each kind's options, and buffer, fd and ring names. */
class ConsoleCompleterRegisterTest {
    private final Session session = new Session(new PrintWriter(new StringWriter(), true), Style.detect(false, "dumb"));
    private final Dispatcher dispatcher = new Dispatcher(session);
    private final ConsoleCompleter completer = new ConsoleCompleter(session, dispatcher.commands());

    private List<String> complete(String line) {
        ParsedLine parsed = new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> out = new ArrayList<>();
        completer.complete(null, parsed, out);
        return out.stream().map(Candidate::value).toList();
    }

    @Test
    void kindsThenOptionsThenNames() {
        dispatcher.run("ring create src entries=8");
        dispatcher.run("ring create dst entries=8");
        dispatcher.run("buf alloc b1 64");
        dispatcher.run("pipe p");
        List<String> kinds = complete("register ");
        assertTrue(kinds.containsAll(List.of("buffers", "pbuf_ring", "resize_rings", "clone_buffers", "send_msg_ring",
                "iowq_aff", "query", "bpf_filter", "raw")), kinds.toString());
        assertTrue(complete("unregister ").containsAll(List.of("buffers", "iowq_aff", "pbuf_ring")));
        List<String> pbuf = complete("register pbuf_ring ");
        assertTrue(pbuf.containsAll(List.of("group=", "entries=", "expect=")), pbuf.toString());
        assertFalse(pbuf.contains("b1"), pbuf.toString());
        assertTrue(complete("register buffers ").contains("b1"));
        assertTrue(complete("register files ").contains("$p.r"));
        assertTrue(complete("register eventfd $").contains("$p.w"));
        assertTrue(complete("register raw arg=@").contains("arg=@b1"));
        assertTrue(complete("register clone_buffers ring=").contains("ring=src"));
        assertTrue(complete("register clone_buffers src_fd=").contains("src_fd=%src"));
        assertTrue(complete("register send_msg_ring ").contains("ring_fd="));
        assertTrue(complete("unregister personality ").contains("id="));
        assertTrue(complete("register nosuch ").isEmpty());
        session.close();
    }
}
