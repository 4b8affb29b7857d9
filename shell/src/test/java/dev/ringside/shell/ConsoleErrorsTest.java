package dev.ringside.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Errors that name the field (issue 10, item 4), each on a real ring. */
class ConsoleErrorsTest {
    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();

    @Test
    void anEmptyValueSaysTheFieldNeedsOne() {
        console.run("ring create");
        assertEquals("user_data needs a value", console.error("sqe nop user_data="));
        assertTrue(console.error("submit wait=").startsWith("wait needs a value"));
    }

    @Test
    void flagNamesOnARawMemberSayWhoseFieldItIs() {
        String message = console.error("sqe nop timeout_flags=ABS");
        assertTrue(message.startsWith("timeout_flags is not a NOP field"), message);
        assertTrue(message.contains("TIMEOUT"), message);
        assertTrue(message.contains("raw io_uring_sqe member timeout_flags, which takes a number"), message);
        console.run("sqe nop timeout_flags=1"); // a number is still a raw write
    }

    @Test
    void repeatedFieldsEmptyFlagNamesAndNegativeWaitsAreRefused() {
        console.run("ring create");
        assertEquals("user_data is given twice (user_data=1 and user_data=2)", console.error("sqe nop user_data=1 user_data=2"));
        assertTrue(console.error("sqe nop flags=|").contains("empty sqe flag name"), console.error("sqe nop flags=|"));
        assertTrue(console.error("sqe nop flags=IO_LINK|").contains("empty sqe flag name"));
        assertTrue(console.error("ring create flags=SQPOLL|").contains("empty flag name"));
        assertEquals("wait: -1 is out of range 0..2147483647", console.error("submit wait=-1"));
        assertEquals("wait: -1 is out of range 0..2147483647", console.error("wait wait=-1"));
        assertTrue(console.error("sqe timeout ts=-5ms").contains("never negative"), console.error("sqe timeout ts=-5ms"));
        assertTrue(console.error("wait timeout=-5ms").startsWith("timeout: '-5ms' is negative"));
        assertTrue(console.session().drafts().isEmpty());
    }

    @Test
    void aTakenNameSaysWhatHoldsIt() {
        console.run("buf alloc b 64");
        String buffer = console.error("buf alloc b 64");
        assertFalse(buffer.contains("fd list"), buffer);
        assertTrue(buffer.contains("taken by a buffer") && buffer.contains("buf free b"), buffer);
        console.run("pipe p");
        String fds = console.error("buf alloc p 64");
        assertTrue(fds.contains("taken by open fds") && fds.contains("'fds' lists them"), fds);
    }

    @Test
    void recordSaysWhyItCannotWrite() {
        assertEquals("cannot write /nonexistent/x.iou: no directory /nonexistent", console.error("record /nonexistent/x.iou"));
    }

    @Test
    void registrationErrorsNameTheirCommandAndFinishTheirSentence() {
        console.run("ring create");
        String ringFds = console.error("unregister ring_fds");
        assertTrue(ringFds.startsWith("unregister ring_fds needs offset=N"), ringFds);
        String entries = console.error("register pbuf_ring group=1 entries=3 size=64 flags=MMAP");
        assertTrue(entries.contains("entries must be a power of two (1..32768), not 3"), entries);
    }

    @Test
    void positionalWordsAreCheckedByTheirDeclaration() {
        assertEquals("ring use needs NAME; usage: ring use NAME", console.error("ring use"));
        assertEquals("unexpected 'b'; usage: ring info [NAME] [--json]", console.error("ring info a b"));
        assertTrue(console.error("probe maybe").startsWith("probe MODE: 'maybe' is not one of all, diff"));
        assertEquals("close needs NAME; usage: close NAME", console.error("close"));
        assertEquals("record needs FILE; usage: record FILE", console.error("record"));
    }
}
