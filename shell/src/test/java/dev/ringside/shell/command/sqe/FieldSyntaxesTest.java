package dev.ringside.shell.command.sqe;

import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import dev.ringside.shell.syntax.Syntax;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.Writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** sqe's per-opcode Syntax is built once per catalogue, path and opcode, and has the options a fresh build has. */
class FieldSyntaxesTest {
    @Test
    void theSameOpcodeReusesItsSyntaxUntilTheCatalogueChanges() {
        try (Session session = new Session(new PrintWriter(Writer.nullWriter(), true), new Style(false))) {
            SqeSyntax.FieldSyntaxes kept = new SqeSyntax.FieldSyntaxes();
            Opcode nop = session.catalog().opcode("nop");
            Syntax first = kept.of(session, "sqe nop", nop);
            assertSame(first, kept.of(session, "sqe nop", nop));
            assertEquals(first.options().stream().map(o -> o.name()).toList(),
                    new SqeSyntax.FieldSyntaxes().of(session, "sqe nop", nop).options().stream().map(o -> o.name()).toList());
            Opcode read = session.catalog().opcode("read");
            assertNotSame(first, kept.of(session, "sqe read", read));
            assertEquals("sqe read", kept.of(session, "sqe read", read).path());
            session.catalog(session.catalog().with(java.util.List.of()));
            assertNotSame(first, kept.of(session, "sqe nop", session.catalog().opcode("nop")));
        }
    }
}
