package dev.ringside.shell.repl;

import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.shell.ConsoleException;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flag a profile adds lives in the one registry (the session's catalogue): after profile load
 * bpf-ext, ring create parses flags=BPF_EXT and Tab offers it; before, neither.
 */
class ProfileFlagRegistryTest {
    private final StringWriter out = new StringWriter();
    private final Session session = new Session(new PrintWriter(out, true), Style.detect(false, "dumb"));
    private final Dispatcher dispatcher = new Dispatcher(session);
    private final ConsoleCompleter completer = new ConsoleCompleter(session, dispatcher.commands());

    private List<String> complete(String line) {
        ParsedLine parsed = new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, parsed, candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    /** What the line printed, or the one-line error it was refused with. */
    private String run(String line) {
        out.getBuffer().setLength(0);
        try {
            dispatcher.run(line);
        } catch (ConsoleException e) {
            return out + e.getMessage();
        }
        return out.toString();
    }

    @Test
    void aProfileFlagIsParsedAndCompletedFromTheSameRegistry() {
        try {
            assertFalse(complete("ring create r flags=").contains("flags=BPF_EXT"), "not offered before the profile");
            String refused = run("ring create r flags=BPF_EXT");
            assertTrue(refused.contains("unknown setup flag 'BPF_EXT'"), refused);

            run("profile load bpf-ext");
            List<String> offered = complete("ring create r flags=SQPOLL|");
            assertTrue(offered.contains("flags=SQPOLL|BPF_EXT"), offered.toString());
            assertEquals(0x200000L, session.catalog().flags(FlagSets.SETUP).parse("BPF_EXT"), "the profile's value");
            // this kernel has no IORING_SETUP_BPF_EXT, so io_uring_setup refuses the ring; the name parsed
            String created = run("ring create r flags=BPF_EXT");
            assertFalse(created.contains("unknown setup flag"), created);
        } finally {
            session.close();
        }
    }
}
