package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import dev.ringside.shell.script.Token;
import dev.ringside.shell.script.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code #N} names a draft wherever a command takes one; '#' starts a comment only where a comment may begin. */
class DraftReferenceTest {
    @TempDir
    Path dir;

    private static List<String> words(String line) {
        return Tokenizer.split(line).stream().map(Token::text).toList();
    }

    @Test
    void aHashFollowedByADigitIsAWordAndOtherwiseAComment() {
        assertEquals(List.of("sqe", "show", "#1"), words("sqe show #1"));
        assertEquals(List.of("sqe", "drop", "#12"), words("sqe drop #12 # the twelfth"));
        assertEquals(List.of("sqe", "show"), words("sqe show # #1 is in the comment"));
        assertEquals(List.of("sqe", "show"), words("sqe show #comment"));
        assertEquals(List.of("sqe", "async_cancel", "target=#2"), words("sqe async_cancel target=#2"));
        assertEquals(List.of(), words("#1 a comment line that starts with a number"));
        assertEquals(List.of(), words("   # indented comment"));
        assertEquals(List.of("buf", "alloc", "b", "8", "text=#1"), words("buf alloc b 8 text=\"#1\""));
    }

    @Test
    void showNamesTheDraftItWasGiven() throws IOException {
        String out = Scripts.run(dir, """
                sqe nop user_data=11
                sqe timeout user_data=22 ts=1ms
                sqe show #1
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("sqe #1 NOP\n"), out);
        assertFalse(out.contains("sqe #2 TIMEOUT\n"), out);
    }

    @Test
    void dropRemovesTheNamedDraftNotTheLast() throws IOException {
        String out = Scripts.run(dir, """
                sqe nop user_data=11
                sqe timeout user_data=22 ts=1ms
                sqe drop #1
                sqe list
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("dropped #1 NOP"), out);
        assertTrue(out.contains("  sqe #2 TIMEOUT user_data=22 ts=1ms\n"), out); // draft numbers stay with their drafts
        assertFalse(out.contains("user_data=11\n  "), out);
    }

    @Test
    void setAndCopyWorkOnTheNamedDraft() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                sqe nop user_data=11
                sqe nop user_data=22
                sqe set #1 user_data=5
                sqe copy #1
                sqe list
                submit wait=3
                expect cqe user_data=5
                expect cqe user_data=22
                expect cqe user_data=5
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("  sqe #1 NOP user_data=5\n  sqe #2 NOP user_data=22\n  sqe #3 NOP user_data=5\n"), out);
    }

    @Test
    void aDraftThatDoesNotExistIsRefusedInOneLine() throws IOException {
        String out = Scripts.run(dir, "sqe nop\nsqe drop #3\n", ScriptRunner.ERROR);
        assertTrue(out.contains("error: no draft #3; drafts are #1"), out);
    }
}
