package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, group 5 (use-after-free): a completion releases only the pins of the request it
 * completes, never of another with the same user_data; a MSG_RING's CQE is never taken for one of
 * the target ring's requests; PROVIDE_BUFFERS memory stays pinned until the group is removed or
 * used up. Each script frees the buffer where the old code let it, which the kernel then wrote.
 */
class PinsPerRequestTest {
    @TempDir
    Path dir;

    String run(String script, int expectedExit) throws IOException {
        return Scripts.run(dir, script, expectedExit);
    }

    @Test
    void aNopWithTheReadsUserDataDoesNotUnpinTheReadsBuffer() throws IOException {
        String out = run("""
                ring create entries=8
                pipe p
                buf alloc t 16
                sqe read user_data=7 fd=$p.r addr=@t len=16
                sqe nop user_data=7
                submit wait=1
                buf free t
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:7:10: error: buffer t is in use by READ user_data=7 on ring r0, not completed yet"), out);
    }

    @Test
    void theReadsOwnCompletionReleasesItOnceBothAreAccountedFor() throws IOException {
        run("""
                ring create entries=8
                pipe p
                buf alloc t 16
                buf alloc x text=x
                sqe read user_data=7 fd=$p.r addr=@t len=16
                sqe nop user_data=7
                submit wait=1
                sqe write user_data=8 fd=$p.w addr=@x len=1
                submit wait=2
                buf free t
                """, ScriptRunner.PASSED);
    }

    @Test
    void aMsgRingPostingTheReadsUserDataFromAnotherRingDoesNotUnpin() throws IOException {
        String out = run("""
                require op=MSG_RING
                ring create a entries=8
                pipe p
                buf alloc t 16
                sqe read user_data=7 fd=$p.r addr=@t len=16
                submit
                ring create b entries=8
                sqe msg_ring user_data=1 ring_fd=%a command=DATA result=0 cqe_user_data=7
                submit wait=1
                expect cqe user_data=1 res=0
                ring use a
                wait wait=1
                buf free t
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("cqe user_data=7 res=0 flags=0   <- READ #1 or MSG_RING #2 from ring b\n"), out);
        assertTrue(out.contains("t.iou:13:10: error: buffer t is in use by READ user_data=7 on ring a, not completed yet"), out);
    }

    @Test
    void aMsgRingPostingOnAnSqpollRingDoesNotUnpin() throws IOException {
        String out = run("""
                require op=MSG_RING
                ring create a entries=8 flags=SQPOLL sq_thread_idle=100
                pipe p
                buf alloc t 16
                sqe read user_data=7 fd=$p.r addr=@t len=16
                submit
                ring create b entries=8
                sqe msg_ring user_data=1 ring_fd=%a command=DATA result=0 cqe_user_data=7
                submit wait=1
                ring use a
                wait wait=1
                buf free t
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:12:10: error: buffer t is in use by READ user_data=7 on ring a, not completed yet"), out);
    }

    @Test
    void aFailedMsgRingLeavesTheCqeToTheOtherCandidate() throws IOException {
        // the MSG_RING runs after b's 30 ms timeout (hard link), so a reaps the READ's CQE while the
        // posting is still expected; then the MSG_RING fails (no fixed file 99) and posts nothing
        String out = run("""
                require op=MSG_RING
                ring create a entries=8
                pipe p
                buf alloc t 16
                buf alloc x text=x
                sqe read user_data=7 fd=$p.r addr=@t len=16
                submit
                ring create b entries=8
                sqe timeout user_data=2 ts=30ms flags=IO_HARDLINK
                sqe msg_ring user_data=3 ring_fd=%a command=SEND_FD src_fd=99 cqe_user_data=7
                submit
                ring use a
                sqe write user_data=4 fd=$p.w addr=@x len=1
                submit wait=2
                ring use b
                wait wait=2
                buf free t
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("cqe user_data=7 res=1 flags=0   <- READ #1 or MSG_RING #3 from ring b\n"), out);
        assertTrue(out.contains("freed buffer t"), out);
    }

    @Test
    void aMsgRingAloneIsNamedAsThePosterOfItsCqe() throws IOException {
        String out = run("""
                require op=MSG_RING
                ring create a entries=8
                ring create b entries=8
                sqe msg_ring user_data=1 ring_fd=%a command=DATA result=42 cqe_user_data=0xfeed
                submit wait=1
                ring use a
                wait wait=1
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("cqe user_data=65261 res=42 flags=0   <- MSG_RING #1 from ring b\n"), out);
    }

    @Test
    void providedBuffersStayPinnedUntilTheGroupIsRemoved() throws IOException {
        String out = run("""
                require op=PROVIDE_BUFFERS
                ring create entries=8
                buf alloc t 64
                sqe provide_buffers user_data=1 addr=@t len=16 nbufs=4 buf_group=1 bid=0
                submit wait=1
                expect cqe user_data=1 res=0
                buf free t
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:7:10: error: buffer t is in use by PROVIDE_BUFFERS #1 (buffer group 1 on ring r0), "
                + "4 of 4 provided buffers not consumed; remove the group (sqe remove_buffers nbufs=4 buf_group=1) "
                + "or close the ring before freeing it"), out);
        run("""
                require op=PROVIDE_BUFFERS
                ring create entries=8
                buf alloc t 64
                sqe provide_buffers user_data=1 addr=@t len=16 nbufs=4 buf_group=1 bid=0
                submit wait=1
                sqe remove_buffers user_data=2 nbufs=4 buf_group=1
                submit wait=1
                expect cqe user_data=2 res=4
                buf free t
                """, ScriptRunner.PASSED);
    }

    @Test
    void providedBuffersAreReleasedWhenEveryOneWasConsumedOrTheRingClosed() throws IOException {
        run("""
                require op=PROVIDE_BUFFERS
                ring create entries=8
                socketpair s
                buf alloc msg text=hello
                buf alloc t 16
                sqe provide_buffers user_data=1 addr=@t len=8 nbufs=2 buf_group=3 bid=0
                submit wait=1
                sqe send user_data=2 fd=$s.0 addr=@msg len=5
                sqe recv user_data=3 fd=$s.1 flags=BUFFER_SELECT buf_group=3 len=8
                submit wait=2
                expect cqe user_data=3 res=5 bid=0
                sqe send user_data=4 fd=$s.0 addr=@msg len=5
                sqe recv user_data=5 fd=$s.1 flags=BUFFER_SELECT buf_group=3 len=8
                submit wait=2
                expect cqe user_data=5 res=5 bid=1
                buf free t
                buf alloc u 16
                sqe provide_buffers user_data=6 addr=@u len=8 nbufs=2 buf_group=4 bid=0
                submit wait=1
                ring close
                buf free u
                """, ScriptRunner.PASSED);
    }

    @Test
    void removingAsManyBuffersAsAnotherProvideGaveKeepsTheSessionBuffersPin() throws IOException {
        // REMOVE_BUFFERS takes the oldest: the 4 at a raw address (unsafe mode), not the 4 carved from t
        String out = run("""
                require op=PROVIDE_BUFFERS
                ring create entries=8
                set unsafe on
                buf alloc t 64
                sqe provide_buffers user_data=1 addr=0x10000 len=16 nbufs=4 buf_group=1 bid=0
                sqe provide_buffers user_data=2 addr=@t len=16 nbufs=4 buf_group=1 bid=4
                submit wait=2
                sqe remove_buffers user_data=3 nbufs=4 buf_group=1
                submit wait=1
                expect cqe user_data=3 res=4
                buf free t
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("error: buffer t is in use by PROVIDE_BUFFERS #2 (buffer group 1 on ring r0)"), out);
    }

    @Test
    void oneConsumedBufferOfTwoKeepsThePin() throws IOException {
        String out = run("""
                require op=PROVIDE_BUFFERS
                ring create entries=8
                socketpair s
                buf alloc msg text=hello
                buf alloc t 16
                sqe provide_buffers user_data=1 addr=@t len=8 nbufs=2 buf_group=3 bid=0
                submit wait=1
                sqe send user_data=2 fd=$s.0 addr=@msg len=5
                sqe recv user_data=3 fd=$s.1 flags=BUFFER_SELECT buf_group=3 len=8
                submit wait=2
                buf free t
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("1 of 2 provided buffers not consumed"), out);
    }
}
