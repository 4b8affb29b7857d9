package dev.ringside.shell.command.proc;

import dev.ringside.shell.ConsoleFixture;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import dev.ringside.shell.script.Dispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * spawn, thread, sockets and sys on the real kernel, each checked against an oracle the console did not
 * write: /proc/PID/status and /proc/self/limits, /proc/net/udp, Java's own stat of the file, and the kernel's
 * answer through io_uring for the same question.
 */
public class ProcsCommandsTest {
    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();

    private static final long SELF = ProcessHandle.current().pid();

    private int pidOf(String child) {
        Matcher m = Pattern.compile("pid (\\d+)").matcher(console.run("spawn " + child + " /bin/sleep 10"));
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    @Test
    void aSpawnedChildIsOursUntilCloseKillsAndReapsIt() throws IOException {
        int pid = pidOf("c");
        // the kernel's view: the child's parent is this JVM, and it runs sleep
        List<String> status = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
        assertTrue(status.contains("PPid:\t" + SELF), String.join("\n", status));
        assertTrue(status.getFirst().startsWith("Name:\tsleep"), status.getFirst());
        assertEquals(Integer.toString(pid), console.session().references().resolve("c", "pid").orElseThrow());
        String closed = console.run("close c");
        assertTrue(closed.contains("killed (SIGKILL) and reaped"), closed);
        // reaped: no zombie left under our pid
        assertFalse(Files.exists(Path.of("/proc/" + pid)), "child " + pid + " still exists after close");
    }

    @Test
    void waitidThroughTheRingReadsTheExitCodeTheChildGave() {
        console.run("ring create");
        console.run("buf alloc si 128");
        console.run("spawn c /bin/sh -c \"exit 42\"");
        console.run("sqe waitid user_data=1 id=$c.pidfd idtype=3 options=4 infop=@si");
        String out = console.run("submit wait=1 timeout=5s");
        assertTrue(out.contains("cqe user_data=1 res=0 "), out);
        // siginfo_t: si_code CLD_EXITED (1) at 8, si_status at 24 (asm-generic/siginfo.h)
        ByteBuffer si = ByteBuffer.wrap(console.session().resources().buffer("si").read(0, 128)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, si.getInt(8));
        assertEquals(42, si.getInt(24));
        assertTrue(console.run("close c").contains("reaped already"));
    }

    @Test
    void theSessionsEndReapsEveryChildItSpawned() throws IOException {
        StringWriter out = new StringWriter();
        int pid;
        try (Session session = new Session(new PrintWriter(out, true), Style.detect(false, "dumb"))) {
            Dispatcher dispatcher = new Dispatcher(session);
            dispatcher.run("spawn a /bin/sleep 10");
            dispatcher.run("spawn b /bin/true");
            pid = Integer.parseInt(session.references().resolve("a", "pid").orElseThrow());
        }
        assertFalse(Files.exists(Path.of("/proc/" + pid)), "child " + pid + " outlived its session");
        assertEquals(List.of(), zombiesOfThisProcess());
    }

    @Test
    void spawnAndCloseCyclesLeaveNoZombieAndNoFd() throws IOException {
        console.run("spawn w /bin/true");
        console.run("close w");
        long fds = fds();
        for (int i = 0; i < 30; i++) {
            console.run("spawn c" + i + " /bin/true");
            console.run("close c" + i);
        }
        assertEquals(fds, fds());
        assertEquals(List.of(), zombiesOfThisProcess());
    }

    @Test
    void aMissingProgramIsOneLineWithItsErrno() {
        String error = console.error("spawn c /no/such/program");
        assertTrue(error.contains("-ENOENT") && error.contains("no such program"), error);
    }

    @Test
    void theUdpPairsPortsAreTheOnesTheKernelListsIn_proc_net_udp() throws IOException {
        console.run("udp u");
        int port0 = Integer.parseInt(console.session().references().resolve("u", "port0").orElseThrow());
        int port1 = Integer.parseInt(console.session().references().resolve("u", "port1").orElseThrow());
        String table = Files.readString(Path.of("/proc/net/udp"));
        // local_address rem_address of a connected socket: 0100007F:PORT 0100007F:PEER (hex)
        assertTrue(table.contains(String.format("0100007F:%04X 0100007F:%04X", port0, port1)), table);
        assertTrue(table.contains(String.format("0100007F:%04X 0100007F:%04X", port1, port0)), table);
        console.run("sys write $u.0 text=abc expect=3");
        console.run("sys read $u.1 into=got expect=3");
        assertEquals("abc", new String(console.session().resources().buffer("got").read(0, 3)));
    }

    @Test
    void bindPortZeroGivesThePortGetsocknameAndAConnectFind() {
        console.run("socket s inet stream");
        console.run("bind $s.fd 127.0.0.1:0");
        console.run("listen $s.fd");
        console.run("socket c inet stream");
        String port = console.session().references().resolve("s", "port").orElseThrow();
        console.run("connect $c.fd 127.0.0.1:" + port + " expect=0");
        console.run("accept $s.fd a");
        String out = console.run("sys getsockname $a.fd into=sa expect=16");
        assertTrue(out.contains("port " + port), out);
        String refused = console.error("bind $c.fd 127.0.0.1:" + port);
        assertTrue(refused.contains("-EINVAL"), refused);
        assertTrue(console.error("connect $c.fd localhost:80").contains("not a numeric address"));
    }

    @Test
    void statxAnswersWhatJavaReadsOfTheSameFile() throws IOException {
        Path file = Files.createTempFile("ringside-statx", ".txt");
        try {
            Files.writeString(file, "twelve bytes");
            console.run("sys statx " + file + " into=st expect=0");
            ByteBuffer st = ByteBuffer.wrap(console.session().resources().buffer("st").read(0, 256)).order(ByteOrder.LITTLE_ENDIAN);
            // struct statx: stx_ino at 32, stx_size at 40 (linux/stat.h)
            assertEquals(((Number) Files.getAttribute(file, "unix:ino")).longValue(), st.getLong(32));
            assertEquals(12L, st.getLong(40));
            assertEquals("0", console.session().references().resolve("sys", "res").orElseThrow());
            assertThrows(ExpectationFailed.class, () -> console.run("sys statx /no/such/file expect=0"));
            assertEquals("-2", console.session().references().resolve("sys", "res").orElseThrow());
            assertTrue(console.error("sys statx /no/such/file").contains("-ENOENT"));
        } finally {
            Files.delete(file);
        }
    }

    /** into= buffers are typed structs: expect struct and $NAME.FIELD(.SUB) read what Java's own stat of the file says. */
    @Test
    void statxFstatAndGetsocknameFillTypedStructsJavaAgreesWith() throws IOException {
        Path file = Files.createTempFile("ringside-typed", ".txt");
        try {
            Files.writeString(file, "twelve bytes");
            long ino = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            long mtime = Files.getLastModifiedTime(file).toInstant().getEpochSecond();
            console.run("sys statx " + file + " into=st expect=0");
            console.run("expect struct st stx_size=12 stx_ino=" + ino + " stx_mode&0xf000=0x8000 stx_mask&SIZE|INO=SIZE|INO stx_mtime.tv_sec=" + mtime);
            console.run("buf alloc secs text=$st.stx_mtime.tv_sec");
            assertEquals(Long.toString(mtime), new String(console.session().resources().buffer("secs").read(0, Long.toString(mtime).length())));
            console.run("file open f " + file);
            console.run("sys fstat $f.fd into=fs expect=0");
            assertTrue(console.run("struct show fs").contains("struct fs: stat"));
            console.run("expect struct fs st_size=12 st_ino=" + ino + " st_nlink=1 st_mtim.tv_sec=" + mtime);
            assertThrows(ExpectationFailed.class, () -> console.run("expect struct fs st_size>12"));
            console.run("socket s inet stream");
            console.run("bind $s.fd 127.0.0.1:0");
            console.run("sys getsockname $s.fd into=sa expect=16");
            assertTrue(console.run("struct show sa").contains("sin_family=INET"));
            console.run("expect struct sa sin_family=INET sin_addr=127.0.0.1 sin_port=$s.port");
            assertEquals(console.session().references().resolve("s", "port").orElseThrow(),
                    console.session().references().resolve("sa", "sin_port").orElseThrow());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void setrlimitShowsIn_proc_self_limitsAndTheSessionsEndRestoresIt() throws IOException {
        String before = limitsLine();
        StringWriter out = new StringWriter();
        try (Session session = new Session(new PrintWriter(out, true), Style.detect(false, "dumb"))) {
            new Dispatcher(session).run("sys setrlimit nofile soft=777 expect=0");
            assertTrue(limitsLine().matches("Max open files\\s+777\\s.*"), limitsLine());
        }
        assertEquals(before, limitsLine());
    }

    @Test
    void aSecondThreadsWriteCompletesThePollTheMainThreadWaitsOn() {
        console.run("ring create");
        console.run("pipe p");
        console.run("sqe poll_add user_data=1 fd=$p.r poll32_events=IN");
        console.run("submit");
        console.run("thread t after=30ms sys write $p.w text=x");
        String waited = console.run("wait wait=1 timeout=5s");
        assertTrue(waited.contains("cqe user_data=1 res=1 "), waited);
        assertTrue(console.run("thread join t expect=1").contains("= 1"));
        assertTrue(console.error("thread join t").contains("no thread 't'"));
    }

    @Test
    void singleIssuerRefusesTheSecondThreadsSubmitAndTheCreatorsGoesThrough() {
        console.run("ring create s flags=SINGLE_ISSUER");
        console.run("sqe nop user_data=1");
        console.run("submit wait=1");
        console.run("sqe nop user_data=2");
        console.run("thread other submit");
        String joined = console.run("thread join other");
        assertTrue(joined.contains("-17 EEXIST"), joined);
        assertTrue(console.run("submit wait=1").contains("cqe user_data=2 res=0"));
        // without SINGLE_ISSUER the same submit from the second thread is accepted
        console.run("ring create any");
        console.run("sqe nop user_data=3");
        console.run("thread t2 submit ring=any");
        assertTrue(console.run("thread join t2").contains("= 1"));
        assertTrue(console.run("wait wait=1").contains("cqe user_data=3 res=0"));
    }

    @Test
    void closingWhatAThreadOrAChildStillNeedsIsRefusedInOneLine() {
        console.run("pipe p");
        console.run("thread t after=300ms sys write $p.w text=x");
        assertTrue(console.error("close p").contains("thread join t"));
        console.run("thread join t expect=1");
        console.run("close p");
        console.run("spawn c /bin/sleep 10");
        assertTrue(console.error("sys close $c.pidfd").contains("close c"));
        assertTrue(console.run("close c").contains("killed (SIGKILL) and reaped"));
        assertTrue(console.error("thread u sys read $p.r").contains("sys write FD text=...|hex=..."));
    }

    private static String limitsLine() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files")).findFirst()
                .orElseThrow();
    }

    private static long fds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Children of this JVM in state Z, from /proc/PID/stat (field 3 the state, field 4 the parent). */
    public static List<String> zombiesOfThisProcess() throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).map(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return rest[0].equals("Z") && rest[1].equals(Long.toString(SELF)) ? stat : null;
                } catch (IOException e) {
                    return null; // exited meanwhile
                }
            }).filter(java.util.Objects::nonNull).toList();
        }
    }
}
