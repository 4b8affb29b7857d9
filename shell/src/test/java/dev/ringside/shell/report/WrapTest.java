package dev.ringside.shell.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cutting text to 72 columns: prose keeps its words, C keeps its tokens, strings and comments. */
class WrapTest {
    @Test
    @Timeout(5)
    void proseKeepsEveryWordAndTheWidth() {
        String text = "The reproducer below ran on Linux 6.18 and failed: 1 expectation met, 2 failed. ".repeat(5);
        List<String> lines = Wrap.prose(text, 72, "  ");
        lines.forEach(l -> assertTrue(l.length() <= 72, l));
        assertEquals(text.strip().replaceAll("\\s+", " "), String.join(" ", lines.stream().map(String::strip).toList()));
    }

    @Test
    @Timeout(5)
    void cCutsOutsideStringsAndKeepsCommentsComments() {
        List<String> lines = Wrap.c(List.of(
                "\tprintf(\"%s: a long message that goes on and on and on past the seventy-second column\\n\", name); // and a comment that is long too",
                "static const struct { unsigned bit; const char *name; } cqe_flag_names[] = { { 1, \"F_BUFFER\" } };",
                "/* ---- the ring, by raw syscalls: io_uring_setup, mmap, io_uring_enter (no liburing) ---- */",
                "#define LONG_MACRO(a, b, c) do { something_long(a); something_longer(b); and_the_last(c); } while (0)",
                "\t\t\"" + "x".repeat(100) + "\""), 72);
        lines.forEach(l -> assertTrue(l.length() <= 72, l));
        assertTrue(lines.stream().anyMatch(l -> l.strip().startsWith("// ")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.endsWith(" \\")), String.join("\n", lines));
    }
}
