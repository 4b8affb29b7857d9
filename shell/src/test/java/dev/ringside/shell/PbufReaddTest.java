package dev.ringside.shell;

import dev.ringside.tracer.journal.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code register pbuf_ring flags=MMAP} and {@code pbuf add} on real rings: the kernel's ring is the
 * mapping /proc/self/maps shows of the io_uring fd at IORING_OFF_PBUF_RING | bgid << 16 (and it is gone
 * after unregister or ring close); a re-added buffer is the one the kernel's next CQE names.
 */
class PbufReaddTest {
    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();

    private static final Pattern MAPPED_AT = Pattern.compile("ring mapped from the kernel at 0x([0-9a-f]+)");

    /** /proc/self/maps lines of io_uring fds: what the kernel says is mapped from them. */
    static List<String> ioUringMaps() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.contains("io_uring")).toList();
    }

    private static String address(String out) {
        Matcher m = MAPPED_AT.matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    @Test
    void anMmapRingIsTheKernelsMappingAtItsGroupsOffsetAndGoesAtUnregisterAndClose() throws IOException {
        console.run("ring create entries=4");
        List<String> before = ioUringMaps();
        String out = console.run("register pbuf_ring group=5 entries=4 size=16 flags=MMAP");
        String start = address(out);
        // the maps line: START-END perms OFFSET dev inode anon_inode:[io_uring]; the offset is pgoff in bytes
        List<String> added = ioUringMaps().stream().filter(l -> !before.contains(l)).toList();
        assertEquals(1, added.size(), added.toString());
        String[] fields = added.getFirst().split("\\s+");
        assertEquals(start, fields[0].substring(0, fields[0].indexOf('-')).replaceFirst("^0+", ""), added.getFirst());
        assertEquals("80050000", fields[2].replaceFirst("^0+", ""), added.getFirst());
        assertTrue(fields[1].startsWith("rw") && fields[1].endsWith("s"), "shared, read-write: " + added.getFirst());
        String view = console.run("mem pbuf 5");
        assertTrue(view.contains("ring at 0x" + start) && view.contains("tail          4"), view);
        console.run("unregister pbuf_ring group=5");
        assertEquals(before, ioUringMaps(), "unregister unmaps the kernel's ring");

        console.run("register pbuf_ring group=6 entries=2 size=16 flags=MMAP");
        List<String> ringAndPbuf = ioUringMaps();
        assertTrue(ringAndPbuf.stream().anyMatch(l -> l.contains(" 80060000 ")), ringAndPbuf.toString());
        console.run("ring close");
        assertTrue(ioUringMaps().stream().noneMatch(l -> l.contains(" 80060000 ")), "ring close unmaps it: " + ioUringMaps());
    }

    @Test
    void aReaddedBufferIsTheOneTheKernelPicksNext() {
        console.run("ring create entries=8");
        console.run("socketpair s");
        console.run("buf alloc m text=abcdef");
        console.run("register pbuf_ring group=2 entries=2 size=8 flags=MMAP");
        for (int i = 0; i < 2; i++) {
            console.run("sqe send user_data=1 fd=$s.0 addr=@m len=2");
            console.run("sqe recv user_data=2 fd=$s.1 flags=BUFFER_SELECT buf_group=2 len=0");
            String out = console.run("submit wait=2");
            assertTrue(out.contains("cqe user_data=2 res=2 flags=BUFFER bid=" + i), out);
        }
        console.run("sqe send user_data=3 fd=$s.0 addr=@m len=6");
        console.run("sqe recv user_data=4 fd=$s.1 flags=BUFFER_SELECT buf_group=2 len=0");
        assertTrue(console.run("submit wait=2").contains("cqe user_data=4 res=-105 ENOBUFS"));
        String added = console.run("pbuf add 2 1 len=3");
        assertTrue(added.contains("bid 1 re-added (3 bytes each), tail 3"), added);
        console.run("sqe recv user_data=5 fd=$s.1 flags=BUFFER_SELECT buf_group=2 len=0");
        String out = console.run("submit wait=1");
        // the kernel took our entry: bid 1, only the 3 bytes its len allows
        assertTrue(out.contains("cqe user_data=5 res=3 flags=BUFFER|SOCK_NONEMPTY bid=1"), out);
        List<Event.PbufAdded> journaled = console.session().journal().events().stream()
                .filter(e -> e instanceof Event.PbufAdded).map(e -> (Event.PbufAdded) e).toList();
        assertEquals(1, journaled.size());
        assertEquals(List.of(1), journaled.getFirst().bids());
        assertEquals(3, journaled.getFirst().len());
        assertEquals(3, journaled.getFirst().tail());
    }

    @Test
    void mmapRingsAndReaddsLeakNoMappingAndNoFd() throws IOException {
        cycle(0); // warm-up: classes and lazily opened files
        long fds = ResourceHygieneTest.fds();
        List<String> maps = ResourceHygieneTest.maps();
        for (int i = 1; i <= 50; i++) {
            cycle(i);
        }
        assertEquals(fds, ResourceHygieneTest.fds(), "fds");
        assertEquals(maps, ResourceHygieneTest.maps(), "io_uring and anon_inode mappings");
    }

    /** One ring with an MMAP buffer ring re-added to, half of them unregistered first, half left to ring close. */
    private void cycle(int i) {
        console.run("ring create m" + i + " entries=4");
        console.run("register pbuf_ring group=1 entries=4 size=32 flags=MMAP");
        console.run("register pbuf_ring group=2 entries=2 size=32");
        console.run("pbuf add 1 0 1");
        console.run("pbuf add 2 1");
        if (i % 2 == 0) {
            console.run("unregister pbuf_ring group=1");
        }
        console.run("ring close m" + i);
    }

    @Test
    void bidsLengthsAndGroupsAreCheckedBeforeAnythingIsWritten() {
        console.run("ring create entries=4");
        assertTrue(console.error("pbuf add 3 0").startsWith("no buffer ring group 3 on r0; make one with"));
        console.run("register pbuf_ring group=3 entries=2 size=8");
        assertEquals("bid 2 is not a buffer of group 3: it provided bid 0..1", console.error("pbuf add 3 0 2"));
        assertTrue(console.error("pbuf add 3 0 len=9").startsWith("len=9 is more than a buffer of group 3 holds (8 bytes)"));
        assertTrue(console.error("pbuf add 3").startsWith("pbuf add needs the bids"));
        assertTrue(console.error("pbuf add 3 0 0 0").startsWith("3 bids do not fit a ring of 2 entries"));
        assertTrue(console.run("mem pbuf 3").contains("tail          2"), "nothing was written");
    }
}
