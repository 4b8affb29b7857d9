package dev.ringside.shell.repl;

import dev.ringside.shell.ConsoleFixture;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tab read from the commands' declarations: the rough edges issue 10 lists, each checked on a real console.session(). */
class ConsoleCompleterDeclaredTest {
    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();

    @TempDir
    Path dir;

    @Test
    void sqeOffersTheOpcodesOwnFieldsFirstWithTheirMeaningThenTheRawMembers() {
        List<Candidate> all = console.candidates("sqe timeout ");
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
        List<String> first = console.complete("sqe nop flags=");
        assertTrue(first.containsAll(List.of("flags=IO_LINK", "flags=ASYNC")), first.toString());
        List<String> next = console.complete("sqe nop flags=IO_LINK|");
        assertTrue(next.contains("flags=IO_LINK|ASYNC"), next.toString());
        assertFalse(next.stream().anyMatch(v -> v.endsWith("|IO_LINK")), next.toString());
        assertTrue(console.complete("sqe timeout timeout_flags=ABS|").contains("timeout_flags=ABS|ETIME_SUCCESS"));
        assertFalse(console.complete("sqe timeout timeout_flags=ABS|").contains("timeout_flags=ABS|ABS"));
        List<String> zcrx = console.complete("register zcrx_ifq flags=");
        assertTrue(zcrx.contains("flags=NODEV"), zcrx.toString());
        assertTrue(console.complete("ring create flags=SQPOLL|").contains("ring create flags=SQPOLL|SQ_AFF".substring(12)));
    }

    @Test
    void aProfilesFlagCompletesOnceLoaded() {
        assertFalse(console.complete("ring create flags=").contains("flags=BPF_EXT"));
        console.run("profile load bpf-ext");
        List<String> after = console.complete("ring create flags=");
        assertTrue(after.contains("flags=BPF_EXT"), after.toString());
    }

    @Test
    void profileStructWatchModeAndDraftNumbersComplete() {
        assertTrue(console.complete("profile load ").contains("bpf-ext"));
        List<String> structs = console.complete("decode ");
        assertTrue(structs.containsAll(List.of("sqe", "cqe", "params", "io_uring_buf_reg")), structs.toString());
        assertEquals(List.of("sq", "cq", "all", "interval=", "for=", "reap="), console.complete("watch "));
        assertTrue(console.complete("watch cq reap=").containsAll(List.of("reap=yes", "reap=no")));
        console.run("sqe nop");
        console.run("sqe nop");
        assertEquals(List.of("#1", "#2"), console.complete("sqe show "));
        assertTrue(console.complete("sqe drop ").containsAll(List.of("#1", "#2", "all")));
        assertTrue(console.complete("sqe set #1 ").contains("nop_flags="));
    }

    @Test
    void expectOffersEachFormsOwnFields() {
        List<String> sq = console.complete("expect sq ");
        assertEquals(List.of("head=", "tail=", "ring_mask=", "ring_entries=", "flags=", "dropped=", "timeout=", "ring="), sq);
        assertTrue(console.complete("expect cq ").contains("overflow="));
        assertTrue(console.complete("expect cqe ").contains("bid="));
        assertFalse(sq.contains("res="), sq.toString());
        assertTrue(console.complete("expect sq flags=").contains("flags=NEED_WAKEUP"));
    }

    @Test
    void bufAllocAndFileOpenCompleteTheirOptionsAndPaths() throws IOException {
        assertEquals(List.of("pages", "align=", "fill=", "text=", "file="), console.complete("buf alloc b 64 "));
        Files.writeString(dir.resolve("data.txt"), "x");
        Files.createDirectory(dir.resolve("sub"));
        List<String> paths = console.complete("file open f " + dir + "/");
        assertTrue(paths.containsAll(List.of(dir + "/data.txt", dir + "/sub/")), paths.toString());
        assertEquals(List.of("flags=", "mode="), console.complete("file open f " + dir + "/data.txt "));
        assertTrue(console.complete("file open f x flags=RDWR|").contains("flags=RDWR|CREAT"));
        assertTrue(console.complete("buf alloc b 64 file=" + dir + "/").contains("file=" + dir + "/data.txt"));
    }

    @Test
    void helpCompletesCommandsOpcodesAndQuit() {
        List<String> topics = console.complete("help ");
        assertTrue(topics.containsAll(List.of("ring", "sqe", "nop", "timeout", "opcodes", "quit")), topics.toString());
        assertTrue(console.complete("help ring ").containsAll(List.of("create", "info")) || console.complete("ring ").contains("create"));
    }
}
