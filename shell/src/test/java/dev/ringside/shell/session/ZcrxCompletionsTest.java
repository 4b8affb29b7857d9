package dev.ringside.shell.session;

import dev.ringside.tracer.ring.Completion;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** io_uring_zcrx_cqe in a CQE32's second half: off's area id at IORING_ZCRX_AREA_SHIFT (48) and up, the offset below. */
class ZcrxCompletionsTest {
    @Test
    void offCarriesTheAreaIdAboveBit48() {
        byte[] big = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong((3L << 48) | 0x5000).putLong(0).array();
        Completion c = new Completion(0, 1, 23, 2, big);
        long off = ZcrxCompletions.off(c);
        assertEquals((3L << 48) | 0x5000, off);
        assertEquals(3, ZcrxCompletions.areaId(off));
        assertEquals(0xffff, ZcrxCompletions.areaId(-1L), "16 bits of area id");
    }
}
