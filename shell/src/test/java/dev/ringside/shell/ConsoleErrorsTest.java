package dev.ringside.shell;

import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Errors that name the field (issue 10, item 4), each on a real ring. */
class ConsoleErrorsTest {
    private final StringWriter screen = new StringWriter();
    private final Session session = new Session(new PrintWriter(screen, true), Style.detect(false, "dumb"));
    private final Dispatcher dispatcher = new Dispatcher(session);

    @AfterEach
    void close() {
        session.close();
    }

    private String error(String line) {
        return assertThrows(ConsoleException.class, () -> dispatcher.run(line), line).getMessage();
    }

    @Test
    void anEmptyValueSaysTheFieldNeedsOne() {
        dispatcher.run("ring create");
        assertEquals("user_data needs a value", error("sqe nop user_data="));
        assertTrue(error("submit wait=").startsWith("wait needs a value"));
    }

    @Test
    void flagNamesOnARawMemberSayWhoseFieldItIs() {
        String message = error("sqe nop timeout_flags=ABS");
        assertTrue(message.startsWith("timeout_flags is not a NOP field"), message);
        assertTrue(message.contains("TIMEOUT"), message);
        assertTrue(message.contains("raw io_uring_sqe member timeout_flags, which takes a number"), message);
        dispatcher.run("sqe nop timeout_flags=1"); // a number is still a raw write
    }

    @Test
    void repeatedFieldsEmptyFlagNamesAndNegativeWaitsAreRefused() {
        dispatcher.run("ring create");
        assertEquals("user_data is given twice (user_data=1 and user_data=2)", error("sqe nop user_data=1 user_data=2"));
        assertTrue(error("sqe nop flags=|").contains("empty sqe flag name"), error("sqe nop flags=|"));
        assertTrue(error("sqe nop flags=IO_LINK|").contains("empty sqe flag name"));
        assertTrue(error("ring create flags=SQPOLL|").contains("empty flag name"));
        assertEquals("wait: -1 is out of range 0..2147483647", error("submit wait=-1"));
        assertEquals("wait: -1 is out of range 0..2147483647", error("wait wait=-1"));
        assertTrue(error("sqe timeout ts=-5ms").contains("never negative"), error("sqe timeout ts=-5ms"));
        assertTrue(error("wait timeout=-5ms").startsWith("timeout: '-5ms' is negative"));
        assertTrue(session.drafts().isEmpty());
    }

    @Test
    void aTakenNameSaysWhatHoldsIt() {
        dispatcher.run("buf alloc b 64");
        String buffer = error("buf alloc b 64");
        assertFalse(buffer.contains("fd list"), buffer);
        assertTrue(buffer.contains("taken by a buffer") && buffer.contains("buf free b"), buffer);
        dispatcher.run("pipe p");
        String fds = error("buf alloc p 64");
        assertTrue(fds.contains("taken by open fds") && fds.contains("'fds' lists them"), fds);
    }

    @Test
    void recordSaysWhyItCannotWrite() {
        assertEquals("cannot write /nonexistent/x.iou: no directory /nonexistent", error("record /nonexistent/x.iou"));
    }

    @Test
    void registrationErrorsNameTheirCommandAndFinishTheirSentence() {
        dispatcher.run("ring create");
        String ringFds = error("unregister ring_fds");
        assertTrue(ringFds.startsWith("unregister ring_fds needs offset=N"), ringFds);
        String mmap = error("register pbuf_ring group=1 entries=8 size=64 flags=MMAP");
        assertTrue(mmap.endsWith("INC is the only flag it takes"), mmap);
    }

    @Test
    void positionalWordsAreCheckedByTheirDeclaration() {
        assertEquals("ring use needs NAME; usage: ring use NAME", error("ring use"));
        assertEquals("unexpected 'b'; usage: ring info [NAME] [--json]", error("ring info a b"));
        assertTrue(error("probe maybe").startsWith("probe MODE: 'maybe' is not one of all, diff"));
        assertEquals("close needs NAME; usage: close NAME", error("close"));
        assertEquals("record needs FILE; usage: record FILE", error("record"));
    }
}
