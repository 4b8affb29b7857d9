package dev.ringside.decoders.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelFlagsTest {
    @Test
    void thisMachinesReleaseGetsTheExact618Table() {
        ReqFlags.Choice c = ReqFlags.forRelease("6.18.44-fc-v769");
        assertEquals(ReqFlagLayout.V6_18, c.layout());
        assertTrue(c.exact());
        // values from this kernel's BTF: LINK is bit 2, FAIL bit 8 (bit 7 free), ASYNC_DATA bit 22, SQE_COPIED bit 40
        assertEquals("LINK|FAIL|ASYNC_DATA|SQE_COPIED", c.format((1L << 2) | (1L << 8) | (1L << 22) | (1L << 40)));
        assertEquals(1L << 40, c.layout().flags().parse("REQ_F_SQE_COPIED"));
        assertEquals("0x80", c.format(1L << 7));
    }

    @Test
    void iopollFollowsSqeCopiedInTheUpstreamLayout() {
        assertEquals(1L << 41, ReqFlagLayout.IOPOLL.flags().parse("IOPOLL"));
        assertEquals("0x20000000000", ReqFlagLayout.V6_18.format(1L << 41));
        ReqFlags.Choice later = ReqFlags.forRelease("7.1.0");
        assertEquals(ReqFlagLayout.IOPOLL, later.layout());
        assertFalse(later.exact());
        assertEquals("SQE_COPIED|IOPOLL", later.format(3L << 40));
    }

    @Test
    void otherReleasesSayTheTableIsUnverified() {
        assertFalse(ReqFlags.forRelease("6.19.2").exact());
        assertEquals(ReqFlagLayout.V6_18, ReqFlags.forRelease("7.0").layout());
        assertTrue(ReqFlags.forRelease("6.6.30").note().contains("older than 6.18"));
        assertFalse(ReqFlags.forRelease("banana").exact());
    }

    @Test
    void ioRingCtxFlagsMatchSeed000() {
        assertEquals(13, IoRingCtxFlag.values().length);
        assertEquals(1L << 12, IoRingCtxFlag.SET.parse("IO_RING_F_IOWQ_LIMITS_SET"));
        assertEquals("TASK_COMPLETE|LOCKLESS_CQ", IoRingCtxFlag.SET.format(0xc0));
    }
}
