package dev.ringside.shell.explain;

import dev.ringside.shell.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code explain} on the real kernel: each refusal of the issue is named by its field, by trial on scratch rings. */
class ExplainTest {
    @TempDir
    Path dir;

    /** The line explain printed (the one after the named command's output), found by its prefix. */
    private static String line(String output, String prefix) {
        List<String> lines = output.lines().filter(l -> l.startsWith(prefix)).toList();
        assertEquals(1, lines.size(), output);
        return lines.getFirst();
    }

    @Test
    void timeoutWithTwoTimespecsNamesLen() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                sqe timeout len=2 user_data=5 ts=10ms
                submit wait=1
                expect cqe user_data=5 res=-EINVAL
                explain user_data=5
                """, 0);
        String why = line(out, "TIMEOUT -EINVAL");
        assertTrue(why.contains("len=2 is refused; len=1 passes (-ETIME"), why);
        assertTrue(why.contains("must be 1"), why);
    }

    @Test
    void recvWithUnknownIoprioBitNamesTheBit() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                socketpair sp
                buf alloc b 64
                sqe recv fd=$sp.0 ioprio=0x8000 addr=@b len=16 user_data=7
                submit wait=1
                expect cqe user_data=7 res=-EINVAL
                explain last
                expect cqes=0 timeout=30ms
                """, 0);
        String why = line(out, "RECV -EINVAL");
        assertTrue(why.contains("ioprio=0x8000 is refused; with bit 0x8000 cleared (it has no IORING_RECVSEND_* name"), why);
        // the trial blocked on a scratch socket: nothing arrived on the user's ring, nothing was read from its socket
        assertTrue(why.contains("-ECANCELED"), why);
    }

    @Test
    void nopWithUnknownFlagNamesNopFlags() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                sqe nop nop_flags=0x80 user_data=6
                submit wait=1
                expect cqe user_data=6 res=-EINVAL
                explain #6
                """, 0);
        String why = line(out, "NOP -EINVAL");
        assertTrue(why.contains("nop_flags=0x80 is refused; with bit 0x80 cleared"), why);
        assertTrue(why.contains("passes (res=0)"), why);
    }

    @Test
    void deferTaskrunAloneNamesSingleIssuer() throws IOException {
        String out = Scripts.run(dir, """
                ring create flags=DEFER_TASKRUN expect=-EINVAL
                explain setup
                """, 0);
        String why = line(out, "io_uring_setup -EINVAL");
        assertTrue(why.contains("DEFER_TASKRUN requires SINGLE_ISSUER"), why);
    }

    @Test
    void registerWithBadNrNamesNr() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                register raw op=PERSONALITY nr=3 expect=-EINVAL
                explain
                """, 0);
        String why = line(out, "register PERSONALITY -EINVAL");
        assertTrue(why.contains("nr=3 is refused; nr=0 passes (result "), why);
    }

    @Test
    void nothingRefusedIsOneLine() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                explain
                """, 2);
        assertTrue(out.contains("explain: nothing was refused in this session"), out);
    }
}
