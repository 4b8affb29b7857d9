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

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tab after expect cqe: its options, ring= among them, and ring names after ring=. */
class ConsoleCompleterExpectTest {
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
    void expectOffersRingAndTheRingsNames() {
        dispatcher.run("ring create a entries=8");
        dispatcher.run("ring create b entries=8");
        List<String> options = complete("expect cqe ");
        assertTrue(options.containsAll(List.of("user_data=", "res=", "flags=", "bid=", "timeout=", "ring=")), options.toString());
        List<String> rings = complete("expect cqe ring=");
        assertTrue(rings.containsAll(List.of("ring=a", "ring=b")), rings.toString());
        session.close();
    }
}
