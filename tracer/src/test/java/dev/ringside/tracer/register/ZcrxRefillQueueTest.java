package dev.ringside.tracer.register;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The refill queue protocol of liburing's test/zcrx.c return_buffer, on memory laid out as the kernel's offsets say. */
class ZcrxRefillQueueTest {
    /** liburing's get_rq_size: T_ALIGN_UP(T_ALIGN_UP(rq_hdr_size, rq_hdr_alignment) + n * sizeof(rqe), page). */
    static long liburingRqSize(long hdr, long align, long entries, long page) {
        long sz = (hdr + align - 1) & ~(align - 1);
        sz += entries * 16;
        return (sz + page - 1) & ~(page - 1);
    }

    @Test
    void regionIsSizedAsLiburingSizesIt() {
        // 7.2.13 answers rq_hdr_size 8, rq_hdr_alignment 64 (seen in the VM); liburing's fallback is a page of each
        for (int[] answer : new int[][] {{8, 64}, {4096, 4096}, {64, 64}}) {
            ZcrxQuery q = new ZcrxQuery(-1, 0, 0, 0, 3, 0, answer[0], answer[1]);
            for (long entries : new long[] {1, 16, 64, 128, 255, 256, 4096}) {
                assertEquals(liburingRqSize(answer[0], answer[1], entries, 4096), q.regionBytes(entries, 4096),
                        "hdr " + answer[0] + " align " + answer[1] + " entries " + entries);
            }
        }
        assertEquals(16, UapiLayouts.IO_URING_ZCRX_RQE.byteSize()); // layouts.tsv: io_uring_zcrx_rqe (sizeof) 16
    }

    @Test
    void pushWritesTheRqeWithTheAreaTokenAndPublishesTheTail() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment region = arena.allocate(4096, 4096);
            MemorySegment area = arena.allocate(4096, 4096);
            long token = 3L << 48; // area id 3 in the bits IORING_ZCRX_AREA_SHIFT and up
            ZcrxRefillQueue rq = new ZcrxRefillQueue("q", region, 4, 0, 4, 64, area, token);
            assertTrue(rq.push(0x1000, 23));
            assertEquals(1, rq.tail());
            assertEquals(1, region.get(ValueLayout.JAVA_INT, 4));
            long off = LayoutPaths.offset(UapiLayouts.IO_URING_ZCRX_RQE, "off");
            long len = LayoutPaths.offset(UapiLayouts.IO_URING_ZCRX_RQE, "len");
            assertEquals(token | 0x1000, region.get(ValueLayout.JAVA_LONG, 64 + off));
            assertEquals(23, region.get(ValueLayout.JAVA_INT, 64 + len));
            assertEquals(3, rq.rqeOff(0) >>> 48);
            // an offset that carries other area bits keeps only its offset part, then the token
            assertTrue(rq.push((7L << 48) | 0x2000, 5));
            assertEquals(token | 0x2000, rq.rqeOff(1));
            assertTrue(rq.push(0, 1));
            assertTrue(rq.push(0, 1));
            assertFalse(rq.push(0, 1), "4 entries not consumed: the queue is full");
            region.set(ValueLayout.JAVA_INT, 0, 2); // the kernel consumed two
            assertEquals(2, rq.queued());
            assertTrue(rq.push(0x3000, 9));
            assertEquals(0x3000 | token, rq.rqeOff(4), "position 4 wraps to slot 0");
            assertEquals(64, rq.slotOffset(4));
        }
    }
}
