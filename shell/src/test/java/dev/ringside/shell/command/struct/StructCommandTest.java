package dev.ringside.shell.command.struct;

import dev.ringside.shell.Scripts;
import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code struct}, {@code struct show}, {@code expect struct} and {@code $NAME.FIELD} on real buffers and
 * rings; the bytes of network-order and packed members against what a gcc-compiled C program lays out.
 */
class StructCommandTest {
    @TempDir
    Path dir;

    private String run(String script, int exit) throws IOException {
        return Scripts.run(dir, script, exit);
    }

    /** The bytes C writes for the same members: htons, inet_pton, the packed epoll_event. */
    @Test
    void networkOrderAndPackedMembersAreLaidOutAsCLaysThemOut() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/usr/bin/gcc")), "no gcc");
        Path c = dir.resolve("bytes.c");
        Files.writeString(c, """
                #include <stdio.h>
                #include <string.h>
                #include <arpa/inet.h>
                #include <netinet/in.h>
                #include <sys/epoll.h>
                static void hex(const void *p, size_t n) {
                    for (size_t i = 0; i < n; i++) printf("%02x", ((const unsigned char *)p)[i]);
                    printf("\\n");
                }
                int main(void) {
                    struct sockaddr_in sin; memset(&sin, 0, sizeof sin);
                    sin.sin_family = AF_INET; sin.sin_port = htons(8080); inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
                    hex(&sin, sizeof sin);
                    struct sockaddr_in6 s6; memset(&s6, 0, sizeof s6);
                    s6.sin6_family = AF_INET6; s6.sin6_port = htons(443); s6.sin6_flowinfo = htonl(0x12345);
                    inet_pton(AF_INET6, "fe80::1", &s6.sin6_addr); s6.sin6_scope_id = 3;
                    hex(&s6, sizeof s6);
                    struct epoll_event ev; memset(&ev, 0, sizeof ev);
                    ev.events = EPOLLIN | EPOLLET; ev.data.u64 = 0x1122334455667788ULL;
                    hex(&ev, sizeof ev);
                    return 0;
                }
                """);
        Process gcc = new ProcessBuilder("gcc", "-Wall", "-Werror", "-o", dir.resolve("bytes").toString(), c.toString())
                .redirectErrorStream(true).start();
        String errors = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, gcc.exitValue(), errors);
        Process p = new ProcessBuilder(dir.resolve("bytes").toString()).start();
        String[] hex = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        assertEquals(0, p.waitFor());
        String out = run("struct sa sockaddr_in sin_family=INET sin_port=8080 sin_addr=127.0.0.1\n"
                + "expect buf sa hex=" + hex[0] + "\n"
                + "struct s6 sockaddr_in6 sin6_family=INET6 sin6_port=443 sin6_flowinfo=0x12345 sin6_addr=fe80::1 sin6_scope_id=3\n"
                + "expect buf s6 hex=" + hex[1] + "\n"
                + "struct ev epoll_event events=IN|ET data=0x1122334455667788\n"
                + "expect buf ev hex=" + hex[2] + "\n"
                + "expect struct sa sin_port=8080 sin_addr=127.0.0.1\n"
                + "expect struct s6 sin6_addr=fe80::1 sin6_port=443\n"
                + "struct show ev\n", ScriptRunner.PASSED);
        assertTrue(out.contains("events=IN|ET data=1234605616436508552"), out);
    }

    @Test
    void badInputIsOneLineNamingTheChoices() throws IOException {
        assertTrue(run("struct x iovek\n", ScriptRunner.ERROR).contains("error: no struct type 'iovek' (did you mean iovec?); types: iovec, msghdr"));
        assertTrue(run("struct x iovec iov_lem=3\n", ScriptRunner.ERROR)
                .contains("error: iovec has no member 'iov_lem' (did you mean iov_len?); members: iov_base, iov_len"));
        assertTrue(run("buf alloc a 8\nstruct x iovec iov_base=@a+4 iov_len=8\n", ScriptRunner.ERROR)
                .contains("iovec.iov_base=@a+4: (8 bytes at offset 4 of buffer a) does not fit in its 8 bytes"));
        assertTrue(run("struct x iovec iov_base=0x1000\n", ScriptRunner.ERROR)
                .contains("error: iov_base=0x1000: iov_base is a pointer the kernel follows: @BUF or @BUF+OFF"));
        assertTrue(run("struct x sockaddr_in sin_port=70000\n", ScriptRunner.ERROR).contains("sin_port is 2 bytes"));
        assertTrue(run("struct x sockaddr_in sin_addr=localhost\n", ScriptRunner.ERROR)
                .contains("'localhost' is not an IPv4 address (127.0.0.1)"));
        assertTrue(run("struct x iovec[2] 2.iov_len=1\n", ScriptRunner.ERROR).contains("entry 2 of iovec[2] (entries 0..1)"));
        assertTrue(run("struct x statx __spare3=1\n", ScriptRunner.ERROR).contains("statx has no member '__spare3'"));
        // msg_iov makes the kernel follow more pointers: it must point at iovecs the builder made
        assertTrue(run("buf alloc v 16\nstruct m msghdr msg_iov=@v msg_iovlen=1\n", ScriptRunner.ERROR)
                .contains("buffer v was not built by 'buf iovecs NAME @BUF:LEN ...' (or was written since)"));
    }

    @Test
    void referencesReadMembersAndExpectStructChecksThem() throws IOException {
        String out = run("""
                buf alloc a 8
                struct v iovec[3] iov_base=@a iov_len=2 2.iov_len=@a.len
                let n=$v.count
                let first=$v.iov_len
                buf alloc copy $n
                buf alloc two $first
                expect buf copy hex=000000
                expect buf two hex=0000
                expect struct v iov_len>=2 2.iov_len=7,8 iov_base>=1
                expect struct v 2.iov_len<8
                """, ScriptRunner.FAILED);
        assertTrue(out.contains("ok buf copy hex=000000"), out);
        assertTrue(out.contains("ok buf two hex=0000"), out);
        // the shared comparison on each entry's number; 2.iov_len is @a.len, 8
        assertTrue(out.contains("ok struct v[0].iov_len>=2") && out.contains("ok struct v[2].iov_len>=2"), out);
        assertTrue(out.contains("ok struct v[2].iov_len=7,8") && out.contains("ok struct v[1].iov_base>=1"), out);
        assertTrue(out.contains("expected struct v[2].iov_len<8, got struct v[2].iov_len=8"), out);
        String failed = run("buf alloc a 8\nstruct v iovec[3] iov_base=@a iov_len=2 2.iov_len=@a.len\nexpect struct v iov_len=2\n",
                ScriptRunner.FAILED);
        assertTrue(failed.contains("ok struct v[0].iov_len=2"), failed);
        assertTrue(failed.contains("expected struct v[2].iov_len=2, got struct v[2].iov_len=8"), failed);
        String unknown = run("buf alloc a 8\nstruct v iovec iov_base=@a\nlet x=$v.iov_bass\n", ScriptRunner.ERROR);
        assertTrue(unknown.contains("iovec has no member 'iov_bass'"), unknown);
    }

    /** The kernel writes a statx into a typed struct; struct show and expect struct read it back. */
    @Test
    void statxDecodesWhatTheKernelWrote() throws IOException {
        Path f = dir.resolve("five");
        Files.writeString(f, "12345");
        String out = run("require op=STATX\nring create\nbuf alloc p 128 text=" + f + "\nstruct st statx\n"
                + "sqe statx user_data=1 dirfd=-100 path=@p mask=0x7ff statxbuf=@st\nsubmit wait=1\nexpect cqe user_data=1 res=0\n"
                + "expect struct st stx_size=5 stx_nlink=1\nstruct show st\nlet sz=$st.stx_size\nbuf alloc b $sz\nexpect buf b hex=0000000000\n",
                ScriptRunner.PASSED);
        assertTrue(out.contains("stx_mask=TYPE|MODE|NLINK|UID|GID|ATIME|MTIME|CTIME|INO|SIZE|BLOCKS"), out);
    }

    /** A buffer a struct points into outlives the struct; freeing the target first is refused, and at submit a stale pointer too. */
    @Test
    void pointedToBuffersCannotBeFreedFirst() throws IOException {
        String out = run("buf alloc a 8\nstruct v iovec iov_base=@a\nbuf free a\n", ScriptRunner.ERROR);
        assertTrue(out.contains("error: buffer a is pointed to by iovec v; free v first"), out);
        run("buf alloc a 8\nstruct v iovec iov_base=@a\nbuf free v\nbuf free a\n", ScriptRunner.PASSED);
    }

    /** A query chain: next_entry to another io_uring_query_hdr, query_data to its answer; IORING_REGISTER_QUERY fills both. */
    @Test
    void queryChainMembersPointAtOtherStructs() throws IOException {
        String out = run("""
                require cap=IORING_REGISTER_QUERY
                struct ans io_uring_query_opcode
                struct scq io_uring_query_scq
                struct h2 io_uring_query_hdr query_op=SCQ query_data=@scq
                struct h1 io_uring_query_hdr query_op=OPCODES query_data=@ans next_entry=@h2
                expect struct h1 size=48 query_op=OPCODES
                struct show h1
                ring create
                register query arg=@h1
                expect struct h1 result=0 size=48
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("next_entry=@h2 query_data=@ans query_op=OPCODES size=48 result=0"), out);
        // bytes the builder did not lay out may hold any address: still refused
        String raw = run("ring create\nbuf alloc h 40\nregister query arg=@h\n", ScriptRunner.ERROR);
        assertTrue(raw.contains("io_uring_query_hdr holds pointers the console cannot check: arg= needs 'set unsafe on'"), raw);
    }

    @Test
    void recordWritesTheStructLinesBack() throws IOException {
        Path recorded = dir.resolve("rec.iou");
        run("buf alloc a 8\nstruct v iovec[2] 0.iov_base=@a 0.iov_len=4 1.iov_base=@a+4\nrecord " + recorded + "\n", ScriptRunner.PASSED);
        String text = Files.readString(recorded);
        assertTrue(text.contains("struct v iovec[2] 0.iov_base=@a 0.iov_len=4 1.iov_base=@a+4"), text);
        String again = run(text + "struct show v\n", ScriptRunner.PASSED);
        assertTrue(again.contains("[1] iov_base=@a+4 iov_len=4"), again);
    }
}
