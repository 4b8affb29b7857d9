package dev.ringside.shell.repl;

import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tab read from the commands' declarations: the rough edges issue 10 lists, each checked on a real session. */
class ConsoleCompleterDeclaredTest {
    private final Session session = new Session(new PrintWriter(new StringWriter(), true), Style.detect(false, "dumb"));
    private final Dispatcher dispatcher = new Dispatcher(session);
    private final ConsoleCompleter completer = new ConsoleCompleter(session, dispatcher.commands());

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        session.close();
    }

    private List<Candidate> candidates(String line) {
        ParsedLine parsed = new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> out = new ArrayList<>();
        completer.complete(null, parsed, out);
        return out;
    }

    private List<String> complete(String line) {
        return candidates(line).stream().map(Candidate::value).toList();
    }

    @Test
    void sqeOffersTheOpcodesOwnFieldsFirstWithTheirMeaningThenTheRawMembers() {
        List<Candidate> all = candidates("sqe timeout ");
        List<String> values = all.stream().map(Candidate::value).toList();
        int ts = values.indexOf("ts=");
        int firstRaw = 0;
        while (!"io_uring_sqe members".equals(all.get(firstRaw).group())) {
            firstRaw++;
        }
        assertEquals(0, ts, values.toString());
        assertEquals("TIMEOUT fields", all.get(ts).group());
        assertTrue(all.get(ts).descr().contains("timespec"), all.get(ts).descr());
        assertTrue(values.indexOf("timeout_flags=") < firstRaw && values.indexOf("user_data=") < firstRaw, values.toString());
        assertTrue(values.subList(firstRaw, values.size()).containsAll(List.of("addr=", "off=", "addr3=")), values.toString());
        assertTrue(all.get(firstRaw).descr().contains("raw uapi member"), all.get(firstRaw).descr());
    }

    @Test
    void flagNamesCompleteInFlagFieldsAndAGivenFlagIsNotOfferedAgain() {
        List<String> first = complete("sqe nop flags=");
        assertTrue(first.containsAll(List.of("flags=IO_LINK", "flags=ASYNC")), first.toString());
        List<String> next = complete("sqe nop flags=IO_LINK|");
        assertTrue(next.contains("flags=IO_LINK|ASYNC"), next.toString());
        assertFalse(next.stream().anyMatch(v -> v.endsWith("|IO_LINK")), next.toString());
        assertTrue(complete("sqe timeout timeout_flags=ABS|").contains("timeout_flags=ABS|ETIME_SUCCESS"));
        assertFalse(complete("sqe timeout timeout_flags=ABS|").contains("timeout_flags=ABS|ABS"));
        List<String> zcrx = complete("register zcrx_ifq flags=");
        assertTrue(zcrx.contains("flags=NODEV"), zcrx.toString());
        assertTrue(complete("ring create flags=SQPOLL|").contains("ring create flags=SQPOLL|SQ_AFF".substring(12)));
    }

    @Test
    void aProfilesFlagCompletesOnceLoaded() {
        assertFalse(complete("ring create flags=").contains("flags=BPF_EXT"));
        dispatcher.run("profile load bpf-ext");
        List<String> after = complete("ring create flags=");
        assertTrue(after.contains("flags=BPF_EXT"), after.toString());
    }

    @Test
    void profileStructWatchModeAndDraftNumbersComplete() {
        assertTrue(complete("profile load ").contains("bpf-ext"));
        List<String> structs = complete("decode ");
        assertTrue(structs.containsAll(List.of("sqe", "cqe", "params", "io_uring_buf_reg")), structs.toString());
        assertEquals(List.of("sq", "cq", "all", "interval=", "for=", "reap="), complete("watch "));
        assertTrue(complete("watch cq reap=").containsAll(List.of("reap=yes", "reap=no")));
        dispatcher.run("sqe nop");
        dispatcher.run("sqe nop");
        assertEquals(List.of("#1", "#2"), complete("sqe show "));
        assertTrue(complete("sqe drop ").containsAll(List.of("#1", "#2", "all")));
        assertTrue(complete("sqe set #1 ").contains("nop_flags="));
    }

    @Test
    void expectOffersEachFormsOwnFields() {
        List<String> sq = complete("expect sq ");
        assertEquals(List.of("head=", "tail=", "ring_mask=", "ring_entries=", "flags=", "dropped=", "timeout=", "ring="), sq);
        assertTrue(complete("expect cq ").contains("overflow="));
        assertTrue(complete("expect cqe ").contains("bid="));
        assertFalse(sq.contains("res="), sq.toString());
        assertTrue(complete("expect sq flags=").contains("flags=NEED_WAKEUP"));
    }

    @Test
    void bufAllocAndFileOpenCompleteTheirOptionsAndPaths() throws IOException {
        assertEquals(List.of("pages", "align=", "fill=", "text=", "file="), complete("buf alloc b 64 "));
        Files.writeString(dir.resolve("data.txt"), "x");
        Files.createDirectory(dir.resolve("sub"));
        List<String> paths = complete("file open f " + dir + "/");
        assertTrue(paths.containsAll(List.of(dir + "/data.txt", dir + "/sub/")), paths.toString());
        assertEquals(List.of("flags=", "mode="), complete("file open f " + dir + "/data.txt "));
        assertTrue(complete("file open f x flags=RDWR|").contains("flags=RDWR|CREAT"));
        assertTrue(complete("buf alloc b 64 file=" + dir + "/").contains("file=" + dir + "/data.txt"));
    }

    @Test
    void helpCompletesCommandsOpcodesAndQuit() {
        List<String> topics = complete("help ");
        assertTrue(topics.containsAll(List.of("ring", "sqe", "nop", "timeout", "opcodes", "quit")), topics.toString());
        assertTrue(complete("help ring ").containsAll(List.of("create", "info")) || complete("ring ").contains("create"));
    }
}
