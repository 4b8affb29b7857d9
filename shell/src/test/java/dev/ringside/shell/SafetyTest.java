package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reproductions of issue 8 (groups 1, 2, 3, 4 and 6), each refused outside unsafe mode with one
 * line naming the field, the slot and what is allowed; in unsafe mode a harmless variant of the same
 * line reaches the kernel (an address that gives -EFAULT, a file that has no xattr). Real rings.
 */
class SafetyTest {
    @TempDir
    Path dir;

    String run(String script, int expectedExit) throws IOException {
        return Scripts.run(dir, script, expectedExit);
    }

    private String refused(String script) throws IOException {
        String out = run(script, ScriptRunner.ERROR);
        assertTrue(out.contains("or 'set unsafe on'"), out);
        return out;
    }

    private Path file(String contents) throws IOException {
        Path f = dir.resolve("data.txt");
        Files.writeString(f, contents);
        return f;
    }

    // ---- group 1: raw addresses through alias names

    @Test
    void spliceOffInOnReadIsReadsBufferPointer() throws IOException {
        String line = "sqe read user_data=1 fd=$f.fd splice_off_in=0x1000 len=16 off=0\n";
        String setup = "ring create\nfile open f " + file("0123456789abcdef") + "\n";
        String out = refused(setup + line + "submit wait=1\n");
        assertTrue(out.contains("error: splice_off_in=0x1000 sets addr, which READ reads as a pointer to len=16 bytes"
                + " (it writes them): use a session buffer (@name) or 'set unsafe on'; nothing was submitted"), out);
        run("set unsafe on\n" + setup + line + "submit wait=1\nexpect cqe user_data=1 res=-EFAULT\n", ScriptRunner.PASSED);
    }

    @Test
    void levelAndOptnameAreTheHalvesOfAddr() throws IOException {
        String line = "sqe read user_data=1 fd=$f.fd level=0x1000 optname=0 len=16 off=0\n";
        String setup = "ring create\nfile open f " + file("0123456789abcdef") + "\n";
        String out = refused(setup + line + "submit wait=1\n");
        assertTrue(out.contains("error: optname=0 sets addr, which READ reads as a pointer to len=16 bytes"), out);
        run("set unsafe on\n" + setup + line + "submit wait=1\nexpect cqe user_data=1 res=-EFAULT\n", ScriptRunner.PASSED);
    }

    @Test
    void statxReadsItsBufferFromOffAsAddr2() throws IOException {
        String setup = "ring create\nbuf alloc p 64 text=" + dir + "\n";
        String line = "sqe statx user_data=1 dirfd=-100 path=@p mask=0xfff off=0x1000\n";
        String out = refused(setup + line + "submit wait=1\n");
        assertTrue(out.contains("error: off=0x1000 sets statxbuf, which STATX reads as a pointer to 256 bytes (struct statx)"
                + " (it writes them)"), out);
        run("set unsafe on\n" + setup + line + "submit wait=1\nexpect cqe user_data=1 res=-EFAULT\n", ScriptRunner.PASSED);
    }

    @Test
    void timeoutNanosWithoutImmediateArgIsATimespecPointer() throws IOException {
        String line = "sqe timeout user_data=1 timeout_ns=4096\n";
        // the catalogue's condition refuses the name first; the raw member meets the slot check
        String out = run("ring create\n" + line + "submit wait=1\n", ScriptRunner.ERROR);
        assertTrue(out.contains("error: sqe #1: timeout_ns applies only with timeout_flags=IMMEDIATE_ARG"), out);
        String raw = "sqe timeout user_data=1 addr=4096\n";
        out = refused("ring create\n" + raw + "submit wait=1\n");
        assertTrue(out.contains("error: addr=4096 sets ts, which TIMEOUT reads as a pointer to 16 bytes"
                + " (__kernel_timespec)"), out);
        run("set unsafe on\nring create\n" + raw + "submit wait=1\nexpect cqe user_data=1 res=-EFAULT\n", ScriptRunner.PASSED);
    }

    @Test
    void hexCmdBytesHoldGetsockoptsOptval() throws IOException {
        // SOCKET_URING_OP_GETSOCKOPT 2, SOL_SOCKET 1, SO_TYPE 3; cmd's first 8 bytes are optval (addr3)
        String line = "sqe uring_cmd user_data=1 fd=$s.0 cmd_op=2 level=1 optname=3 optlen=4 cmd=0010000000000000\n";
        String out = refused("ring create\nsocketpair s\n" + line + "submit wait=1\n");
        assertTrue(out.contains("error: cmd=0010000000000000 sets addr3, which URING_CMD reads as a pointer to optlen=4 bytes"
                + " (it writes them)"), out);
        String unsafe = run("set unsafe on\nring create\nsocketpair s\n" + line + "submit wait=1\n", ScriptRunner.PASSED);
        assertTrue(unsafe.contains("cqe user_data=1 res=-"), unsafe);
    }

    @Test
    void aDriverCommandOnAnythingButASocketNeedsUnsafeMode() throws IOException {
        String out = refused("ring create\npipe p\nsqe uring_cmd fd=$p.r cmd_op=0x1234 cmd=01\nsubmit\n");
        assertTrue(out.contains("cmd=01 sets cmd, a driver's own command bytes: URING_CMD to something other than a socket"), out);
        // liburing's io_uring_prep_cmd_discard: the block layer reads its range from addr and addr3
        String addr = refused("ring create\npipe p\nsqe uring_cmd fd=$p.r cmd_op=0x1234 addr=0x1000\nsubmit\n");
        assertTrue(addr.contains("addr=0x1000 sets addr, which URING_CMD to something other than a socket (fd) hands its"
                + " driver"), addr);
    }

    /** Issue 9, item 15: LISTEN reads addr2 as nothing at all, so a number there is no address. */
    @Test
    void listenTakesAddr2AsANumber() throws IOException {
        String out = run("ring create\nsocketpair s\nsqe listen user_data=1 fd=$s.0 addr2=0x1000 backlog=1\nsubmit wait=1\n",
                ScriptRunner.PASSED);
        assertTrue(out.contains("cqe user_data=1 res="), out);
    }

    @Test
    void sqeSetCannotSmuggleAnAddressIntoAnAlias() throws IOException {
        String setup = "ring create\nfile open f " + file("0123456789abcdef") + "\nbuf alloc b 16\n";
        String out = refused(setup + "sqe read fd=$f.fd addr=@b len=16\nsqe set addr2=0 splice_off_in=0x2000\nsubmit\n");
        assertTrue(out.contains("splice_off_in=0x2000 sets addr, which READ reads as a pointer to len=16 bytes"), out);
    }

    // ---- group 2: sizes that were not checked

    @Test
    void getxattrValueIsCheckedAgainstSize() throws IOException {
        Path f = file("x");
        String setup = "ring create\nbuf alloc xname 16 text=user.x\nbuf alloc t 16\nbuf alloc path 256 text=" + f + "\n";
        String line = "sqe getxattr user_data=1 name=@xname value=@t size=4096 path=@path\n";
        String out = run(setup + line, ScriptRunner.ERROR);
        assertTrue(out.contains("error: value=@t: 4096 bytes from offset 0 do not fit in buffer t of 16 bytes (16 left)"), out);
        // the file has no xattr: the kernel answers -ENODATA (or -EOPNOTSUPP where the filesystem has none) and writes nothing
        String unsafe = run("set unsafe on\n" + setup + line + "submit wait=1\n", ScriptRunner.PASSED);
        assertTrue(unsafe.contains("cqe user_data=1 res=-"), unsafe);
    }

    @Test
    void aPathWithoutNulInsideItsBufferIsRefused() throws IOException {
        String out = run("ring create\nbuf alloc p text=/tmp\nsqe statx dirfd=-100 path=@p\n", ScriptRunner.ERROR);
        assertTrue(out.contains("error: path=@p: STATX reads path to stat up to its NUL, but buffer p has no NUL from offset 0"),
                out);
    }

    @Test
    void provideBuffersIsCheckedAsNbufsTimesLen() throws IOException {
        String line = "sqe provide_buffers user_data=1 addr=@t len=16 nbufs=64 buf_group=1\n";
        String out = run("ring create\nbuf alloc t 16\n" + line, ScriptRunner.ERROR);
        assertTrue(out.contains("error: addr=@t: 1024 bytes (nbufs=64 x len=16) from offset 0 do not fit in buffer t of 16"
                + " bytes"), out);
        run("ring create\nbuf alloc t 1024\n" + line + "submit wait=1\nexpect cqe user_data=1 res=0\n", ScriptRunner.PASSED);
    }

    /** 0xffffffff x 0xffffffff overflows a long: the product saturates instead of wrapping to a small or negative size. */
    @Test
    void countsThatOverflowAreRefused() throws IOException {
        String out = run("ring create\nbuf alloc t 64\nsqe provide_buffers addr=@t len=0xffffffff nbufs=-1 buf_group=1\n",
                ScriptRunner.ERROR);
        assertTrue(out.contains("error: addr=@t: 9223372036854775807 bytes (nbufs=4294967295 x len=4294967295) from offset 0"
                + " do not fit in buffer t of 64 bytes"), out);
        String connect = run("ring create\nsocketpair s\nbuf alloc t 64\nsqe connect fd=$s.0 addr=@t addrlen=-1\n",
                ScriptRunner.ERROR);
        assertTrue(connect.contains("error: addr=@t: 9223372036854775807 bytes from offset 0 do not fit"), connect);
    }

    @Test
    void statxbufMustHoldAStructStatx() throws IOException {
        String setup = "ring create\nbuf alloc p 64 text=" + dir.resolve("missing") + "\nbuf alloc t 16\n";
        String line = "sqe statx user_data=1 dirfd=-100 path=@p mask=0xfff statxbuf=@t\n";
        String out = run(setup + line, ScriptRunner.ERROR);
        assertTrue(out.contains("error: statxbuf=@t: 256 bytes (struct statx) from offset 0 do not fit in buffer t of 16 bytes"),
                out);
        // the path does not exist: -ENOENT before anything is written
        run("set unsafe on\n" + setup + line + "submit wait=1\nexpect cqe user_data=1 res=-ENOENT\n", ScriptRunner.PASSED);
        run("ring create\nbuf alloc p 64 text=" + dir + "\nbuf alloc t 256\n" + line
                + "submit wait=1\nexpect cqe user_data=1 res=0\n", ScriptRunner.PASSED);
    }

    @Test
    void pipeWritesTwoInts() throws IOException {
        String out = run("require op=PIPE\nring create\nbuf alloc t 16\nsqe pipe user_data=1 fds=@t+12\n", ScriptRunner.ERROR);
        assertTrue(out.contains("error: fds=@t+12: 8 bytes (int[2]) from offset 12 do not fit in buffer t of 16 bytes (4 left)"),
                out);
        run("require op=PIPE\nset unsafe on\nring create\nsqe pipe user_data=1 fds=0x1000\nsubmit wait=1\n"
                + "expect cqe user_data=1 res=-EFAULT\n", ScriptRunner.PASSED);
    }

    // ---- group 3: page-granular operations

    @Test
    void madviseNeedsPagesOfTheBuffersOwn() throws IOException {
        String out = refused("ring create\nbuf alloc t 16 align=4096\nsqe madvise addr=@t len=16 fadvise_advice=4\nsubmit\n");
        assertTrue(out.contains("error: addr=@t: MADVISE acts on whole pages, and buffer t shares its pages with the JVM:"
                + " use a buffer of its own pages ('buf alloc NAME SIZE pages')"), out);
        String ok = run("ring create\nbuf alloc t 8192 pages fill=0x5a\nsqe madvise user_data=1 addr=@t+4096 len=16"
                + " fadvise_advice=4\nsubmit wait=1\nexpect cqe user_data=1 res=0\nbuf show t off=0 len=4\n"
                + "buf show t off=4096 len=4\n", ScriptRunner.PASSED);
        // MADV_DONTNEED dropped the second page (it reads back as zeros), the first is untouched
        assertTrue(ok.contains("  0000  5a 5a 5a 5a"), ok);
        assertTrue(ok.contains("  1000  00 00 00 00"), ok);
        String inside = run("ring create\nbuf alloc t 4096 pages\nsqe madvise addr=@t+16 len=16 fadvise_advice=4\n",
                ScriptRunner.ERROR);
        assertTrue(inside.contains("start on a page of buffer t"), inside);
        // MADV_NORMAL (0) changes nothing: in unsafe mode it may reach the kernel for heap memory
        run("set unsafe on\nring create\nbuf alloc t 16 align=4096\nsqe madvise user_data=1 addr=@t len=16 fadvise_advice=0\n"
                + "submit wait=1\nexpect cqe user_data=1 res=0\n", ScriptRunner.PASSED);
    }

    /** Found by the campaign: MADVISE of [0, len) drops the JVM's heap pages without touching byte 0, so NULL is no "none". */
    @Test
    void nullIsNoPointerWhereTheKernelNeverTouchesByteZero() throws IOException {
        String madvise = refused("ring create\nsqe madvise len=4168703125 fadvise_advice=4\nsubmit\n");
        assertTrue(madvise.contains("error: addr=0x0 is not in a session buffer: MADVISE reads addr as a pointer to len=4168703125"
                + " bytes (it acts on their whole pages)"), madvise);
        // buffer i of PROVIDE_BUFFERS starts at addr + i x len: from 0 that is anywhere
        String provide = refused("ring create\nsqe provide_buffers len=0x10000000 nbufs=8 buf_group=1\nsubmit\n");
        assertTrue(provide.contains("error: addr=0x0 is not in a session buffer: PROVIDE_BUFFERS reads addr as a pointer to"
                + " 2147483648 bytes (nbufs=8 x len=268435456)"), provide);
        // NULL where the kernel faults on the first byte stays allowed: -EFAULT
        run("ring create\npipe p\nbuf alloc b text=x\nsqe write user_data=1 fd=$p.w addr=@b len=1\nsubmit wait=1\n"
                + "sqe read user_data=2 fd=$p.r len=1\nsubmit wait=1\nexpect cqe user_data=1 res=1\n"
                + "expect cqe user_data=2 res=-EFAULT\n", ScriptRunner.PASSED);
    }

    /** liburing's io_uring_prep_madvise64 puts the length in off: the kernel reads it before len. */
    @Test
    void madvise64sLengthInOffIsTheExtent() throws IOException {
        String out = run("ring create\nbuf alloc t 4096 pages\nsqe madvise addr=@t len=16 off=0x100000 fadvise_advice=4\n"
                + "submit\n", ScriptRunner.ERROR);
        assertTrue(out.contains("error: addr=@t: 1048576 bytes (off) from offset 0 do not fit in buffer t of 4096 bytes"), out);
    }

    @Test
    void madviseThatMakesPagesFaultIsRefused() throws IOException {
        String out = refused("ring create\nbuf alloc t 4096 pages\nsqe madvise addr=@t len=4096 fadvise_advice=100\nsubmit\n");
        assertTrue(out.contains("MADV advice 100 is not one the console allows"), out);
    }

    @Test
    void aSocketFilterOptionHoldsAPointer() throws IOException {
        // SOCKET_URING_OP_SETSOCKOPT 3, SOL_SOCKET 1, SO_ATTACH_FILTER 26: optval is a struct sock_fprog
        String out = refused("ring create\nsocketpair s\nbuf alloc prog 16\n"
                + "sqe uring_cmd fd=$s.0 cmd_op=3 level=1 optname=26 optlen=16 cmd=" + "00".repeat(16) + "\nsubmit\n");
        assertTrue(out.contains("optname=26: this socket option's optval is a struct sock_fprog holding a pointer"), out);
    }

    // ---- group 4: pointers inside buffers

    @Test
    void readvNeedsIovecsTheConsoleBuilt() throws IOException {
        Path iov = dir.resolve("iov.bin");
        Files.write(iov, new byte[] {0, 0x10, 0, 0, 0, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0});
        String setup = "ring create\nfile open f " + file("0123456789abcdef") + "\nbuf alloc v 16\nbuf fill v file=" + iov + "\n";
        String line = "sqe readv user_data=1 fd=$f.fd iovecs=@v nr_iovecs=1 off=0\n";
        String out = refused(setup + line + "submit wait=1\n");
        assertTrue(out.contains("error: iovecs=@v: READV reads iovecs as a struct iovec array: buffer v was not built by"
                + " 'buf iovecs NAME @BUF:LEN ...' (or was written since)"), out);
        run("set unsafe on\n" + setup + line + "submit wait=1\nexpect cqe user_data=1 res=-EFAULT\n", ScriptRunner.PASSED);
        String built = run("ring create\nfile open f " + file("0123456789abcdef") + "\nbuf alloc a 8\nbuf alloc b 8\n"
                + "buf iovecs v @a:4 @b+2:6\n" + line.replace("nr_iovecs=1", "nr_iovecs=2")
                + "submit wait=1\nexpect cqe user_data=1 res=10\nbuf show a text\nbuf show b text\nbuf free a\n",
                ScriptRunner.ERROR);
        assertTrue(built.contains("\"0123\\x00"), built);
        assertTrue(built.contains("\"\\x00\\x00456789\""), built);
        assertTrue(built.contains("error: buffer a is pointed to by iovec v; free v first"), built);
    }

    /** The C program has other addresses: a built buffer's pointers are written again with its own buffers' addresses. */
    @Test
    void exportCPointsBuiltMemoryAtItsOwnBuffers() throws IOException {
        Path script = dir.resolve("iov.iou");
        Files.writeString(script, "ring create\nbuf alloc a 8\nbuf iovecs v @a+2:6\n");
        run("export c " + dir.resolve("iov.c") + " " + script + "\n", ScriptRunner.PASSED);
        String c = Files.readString(dir.resolve("iov.c"));
        assertTrue(c.contains("{ unsigned long p = (unsigned long) (buf_a + 2); memcpy(buf_v, &p, sizeof p); }"), c);
    }

    @Test
    void theIovecsBuilderChecksEverySpan() throws IOException {
        String out = run("ring create\nfile open f " + file("0123456789abcdef") + "\nbuf alloc a 8\nbuf iovecs v @a:16\n",
                ScriptRunner.ERROR);
        assertTrue(out.contains("error: @a:16: 16 bytes from offset 0 do not fit in buffer a of 8 bytes"), out);
    }

    @Test
    void sendmsgAndRecvmsgNeedABuiltMsghdr() throws IOException {
        String raw = refused("ring create\nsocketpair s\nbuf alloc m 56\nsqe sendmsg fd=$s.0 msg=@m\nsubmit\n");
        assertTrue(raw.contains("error: msg=@m: SENDMSG reads msg as a struct msghdr: buffer m was not built"), raw);
        String out = run("""
                ring create
                socketpair s
                buf alloc out text=ping!
                buf alloc in 8
                buf iovecs vo @out:5
                buf iovecs vi @in:8
                buf msghdr mo iov=@vo
                buf msghdr mi iov=@vi
                sqe sendmsg user_data=1 fd=$s.0 msg=@mo
                sqe recvmsg user_data=2 fd=$s.1 msg=@mi
                submit wait=2
                expect cqe user_data=1 res=5
                expect cqe user_data=2 res=5
                buf show in text len=5
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("\"ping!\""), out);
    }

    @Test
    void futexWaitvNeedsBuiltWaiters() throws IOException {
        String raw = refused("require op=FUTEX_WAITV\nring create\nbuf alloc w 24\nsqe futex_waitv waiters=@w nr_futexes=1\n"
                + "submit\n");
        assertTrue(raw.contains("error: waiters=@w: FUTEX_WAITV reads waiters as a struct futex_waitv array"), raw);
        // the futex word holds 0, not 1: the kernel answers -EAGAIN at once
        run("require op=FUTEX_WAITV\nring create\nbuf alloc f 4\nbuf futex_waitv w @f:1\n"
                + "sqe futex_waitv user_data=1 waiters=@w nr_futexes=1\nsubmit wait=1\nexpect cqe user_data=1 res=-EAGAIN\n",
                ScriptRunner.PASSED);
    }

    @Test
    void registerRawWithAddressesNeedsUnsafeMode() throws IOException {
        String buffers = run("ring create\nbuf alloc v 16\nregister raw op=BUFFERS arg=@v nr=1\n", ScriptRunner.ERROR);
        assertTrue(buffers.contains("register raw op=BUFFERS with arg= is unsafe: its argument may hold addresses or fds"),
                buffers);
        String pbuf = run("ring create\nbuf alloc r 40\nregister raw op=PBUF_RING arg=@r nr=1\n", ScriptRunner.ERROR);
        assertTrue(pbuf.contains("register raw op=PBUF_RING with arg= is unsafe"), pbuf);
        // a zeroed iovec: the kernel refuses it, nothing is pinned
        // a zeroed iovec is a sparse slot to the kernel: it answers 0
        String unsafe = run("set unsafe on\nring create\nbuf alloc v 16\nregister raw op=BUFFERS arg=@v nr=1 expect=0\n",
                ScriptRunner.PASSED);
        assertFalse(unsafe.contains("is unsafe"), unsafe);
    }

    // ---- group 6: the JVM's own fds

    @Test
    void closingTheJvmsOwnFdsIsRefused() throws IOException {
        for (String fd : new String[] {"0", "1", "2", "3"}) {
            String out = refused("ring create\nsqe close fd=" + fd + "\nsubmit\n");
            assertTrue(out.contains("error: fd=" + fd + " is not an fd of this session: CLOSE takes fd as an fd; use an fd the"
                    + " console made"), out);
        }
        // in unsafe mode the line reaches the kernel: an fd nobody has open answers -EBADF
        run("set unsafe on\nring create\nsqe close user_data=1 fd=1000000\nsubmit wait=1\nexpect cqe user_data=1 res=-EBADF\n",
                ScriptRunner.PASSED);
    }

    @Test
    void writingToStdoutAndMessagingFdZeroAreRefused() throws IOException {
        String write = refused("ring create\nbuf alloc b text=x\nsqe write fd=1 addr=@b len=1\nsubmit\n");
        assertTrue(write.contains("error: fd=1 is not an fd of this session: WRITE takes fd as the file it works on"), write);
        String msg = refused("ring create\nsqe msg_ring ring_fd=0 command=DATA\nsubmit\n");
        assertTrue(msg.contains("error: ring_fd=0 is not an fd of this session: MSG_RING takes ring_fd as the target ring"),
                msg);
        String sent = refused("ring create\nregister send_msg_ring ring_fd=0 command=DATA\n");
        assertTrue(sent.contains("error: ring_fd=0 is not an fd of this session: MSG_RING takes ring_fd as the target ring"), sent);
        String files = run("ring create\nregister files 1\n", ScriptRunner.ERROR);
        assertTrue(files.contains("fd 1 is not an fd of this session"), files);
    }

    @Test
    void filesUpdateReadsFdsFromItsBuffer() throws IOException {
        Path fds = dir.resolve("fds.bin");
        Files.write(fds, new byte[] {1, 0, 0, 0});
        String out = refused("ring create\nregister files sparse=2\nbuf alloc a 4\nbuf fill a file=" + fds
                + "\nsqe files_update fds=@a nr_fds=1 offset=0\nsubmit\n");
        assertTrue(out.contains("entry 0 of a is fd 1, not an fd of this session"), out);
    }

    @Test
    void fileOpenRefusesTheJvmsMemoryAndFds() throws IOException {
        Path link = dir.resolve("innocent");
        Files.createSymbolicLink(link, Path.of("/proc/self/mem"));
        long pid = ProcessHandle.current().pid();
        for (String path : new String[] {"/proc/self/mem", "/proc/" + pid + "/mem", "/proc/self/fd/0", "/proc/thread-self/mem",
            "/dev/mem", "/proc/self/map_files/x", link.toString()}) {
            String out = run("file open m " + path + " flags=RDWR\n", ScriptRunner.ERROR);
            assertTrue(out.contains("error: file open " + path + ": "), out);
            assertTrue(out.contains("; 'set unsafe on' to open it anyway"), out);
        }
        run("set unsafe on\nfile open m /proc/self/mem\nclose m\n", ScriptRunner.PASSED);
    }

    /** OPENAT can put /proc/self/mem in the fixed-file table, where a WRITE_FIXED reaches it: the same refusal as file open. */
    @Test
    void openatAndSymlinkatCannotReachTheJvmsMemory() throws IOException {
        String open = refused("ring create\nbuf alloc p 32 text=/proc/self/mem\nsqe openat dirfd=-100 path=@p open_flags=2"
                + " file_index=1\nsubmit\n");
        assertTrue(open.contains("error: path=@p: OPENAT opens /proc/self/mem: "), open);
        String relative = refused("ring create\nbuf alloc p 64 text=../../../../../../../proc/self/fd/0\n"
                + "sqe openat2 dirfd=-100 path=@p\nsubmit\n");
        assertTrue(relative.contains("OPENAT2 opens ../../../../../../../proc/self/fd/0: "), relative);
        String link = refused("ring create\nbuf alloc t 32 text=/proc/self\nbuf alloc l 128 text=" + dir.resolve("x")
                + "\nsqe symlinkat newdirfd=-100 target=@t linkpath=@l\nsubmit\n");
        assertTrue(link.contains("error: target=@t: SYMLINKAT links to /proc/self: a link to /proc/"), link);
        run("ring create\nbuf alloc p 128 text=" + file("x") + "\nsqe openat user_data=1 dirfd=-100 path=@p\nsubmit wait=1\n",
                ScriptRunner.PASSED);
    }

    @Test
    void aConsoleFdClosedByAnSqeIsNotTakenForTheConsolesOnceReused() throws IOException {
        // CLOSE through the ring: the number is free for the JVM's next file, no longer the pipe
        String out = run("ring create\npipe p\nsqe close user_data=1 fd=$p.r\nsubmit wait=1\n"
                + "expect cqe user_data=1 res=0\nsqe read fd=$p.r len=0\nsubmit\n", ScriptRunner.ERROR);
        assertTrue(out.contains("is not an fd of this session: READ takes fd"), out);
    }
}
