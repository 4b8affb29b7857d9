package dev.ringside.tracer;

import dev.ringside.tracer.ring.CqHeader;
import dev.ringside.tracer.ring.HeaderFields;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.RingConfig;
import dev.ringside.tracer.ring.SqHeader;
import dev.ringside.tracer.sys.SyscallException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ring headers are the words io_sqring_offsets / io_cqring_offsets name, read from a real ring. */
class RingHeaderTest {
    @Test
    void theHeaderWordsAreTheOffsetsLayoutsMinusArraysAndReserved() {
        // struct io_sqring_offsets / io_cqring_offsets in linux/io_uring.h, in declaration order
        assertEquals(List.of("head", "tail", "ring_mask", "ring_entries", "flags", "dropped"), HeaderFields.SQ);
        assertEquals(List.of("head", "tail", "ring_mask", "ring_entries", "overflow", "flags"), HeaderFields.CQ);
    }

    @Test
    void aFreshRingsHeaderIsWhatTheKernelWrote() throws SyscallException {
        try (Ring ring = Ring.create(RingConfig.of(8, 0))) {
            SqHeader sq = ring.sqHeader();
            CqHeader cq = ring.cqHeader();
            assertEquals(HeaderFields.SQ, List.copyOf(sq.fields().keySet()));
            assertEquals(HeaderFields.CQ, List.copyOf(cq.fields().keySet()));
            // the kernel sizes the CQ ring at twice the SQ ring by default and writes mask = entries - 1
            assertEquals(8L, sq.fields().get("ring_entries"));
            assertEquals(7L, sq.fields().get("ring_mask"));
            assertEquals(16L, cq.fields().get("ring_entries"));
            assertEquals(15L, cq.fields().get("ring_mask"));
            assertEquals(0, sq.head());
            assertEquals(0, cq.tail());
        }
    }
}
