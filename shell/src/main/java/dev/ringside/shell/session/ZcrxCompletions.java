package dev.ringside.shell.session;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.UapiConstants;
import dev.ringside.tracer.register.ZcrxRefillQueue;
import dev.ringside.tracer.register.ZcrxQueues;
import dev.ringside.tracer.ring.Completion;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * RECV_ZC completions: their second 16 bytes are a struct io_uring_zcrx_cqe whose {@code off} holds
 * the area id at IORING_ZCRX_AREA_SHIFT and up and the offset in the area below it. Each one with
 * data is kept by the ifq its SQE's zcrx_ifq_idx names, until {@code zcrx rq push} returns it.
 */
public final class ZcrxCompletions {
    private ZcrxCompletions() {
    }

    private static final long IFQ_IDX = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "zcrx_ifq_idx");
    private static final long OFF = LayoutPaths.offset(UapiLayouts.IO_URING_ZCRX_CQE, "off");
    private static final long OFFSET_MASK = ~UapiConstants.IORING_ZCRX_AREA_MASK;

    /** Keeps a zcrx CQE with data for its ifq. */
    static void received(ZcrxQueues queues, RingCompletion reaped) {
        Completion c = reaped.cqe();
        if (queues.isEmpty() || !isZcrx(reaped.answers(), c) || c.res() <= 0
                || !(reaped.answers() instanceof Attribution.One(Pending.Request r))) {
            return;
        }
        long idx = Integer.toUnsignedLong(MemorySegment.ofArray(r.sqeBytes()).get(ValueLayout.JAVA_INT_UNALIGNED, IFQ_IDX));
        long off = off(c);
        queues.onRing(reaped.ring(), idx).ifPresent(q -> q.rq().received(
                new ZcrxRefillQueue.Received(reaped.ring(), c.userData(), areaId(off), off & OFFSET_MASK, c.res())));
    }

    /** {@code   zcrx area=0 off=0x1000} after a RECV_ZC CQE's big=, or nothing. */
    static String describe(Attribution answers, Completion c) {
        if (!isZcrx(answers, c)) {
            return "";
        }
        long off = off(c);
        return "   zcrx area=" + areaId(off) + " off=0x" + Long.toHexString(off & OFFSET_MASK);
    }

    private static boolean isZcrx(Attribution answers, Completion c) {
        return c.isBig() && answers instanceof Attribution.One(Pending.Request r) && r.draft().opcode().name().equals("RECV_ZC");
    }

    /** io_uring_zcrx_cqe.off, little-endian in the CQE's second half. */
    static long off(Completion c) {
        return MemorySegment.ofArray(c.big()).get(ValueLayout.JAVA_LONG_UNALIGNED, OFF);
    }

    static int areaId(long off) {
        return (int) (off >>> UapiConstants.IORING_ZCRX_AREA_SHIFT);
    }
}
