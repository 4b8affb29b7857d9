package dev.ringside.decoders.kernel;

import dev.ringside.decoders.flags.FlagSet;

/**
 * IO_RING_F_* of {@code io_ring_ctx.int_flags}: upstream replaced the bitfields (drain_next:1, ...) with
 * these bits in March 2026 (seed 000). Values from Linux 7.2.13's BTF ({@code kernel-internal-7.2.13.tsv},
 * which a test checks row by row). Kernel 6.18 still has the bitfields, so no 6.18 value has these names.
 */
public final class IoRingCtxFlag {
    private IoRingCtxFlag() {
    }

    public static final FlagSet SET = FlagSet.bits("io_ring_ctx flag", "IO_RING_F_")
            .bit(0, "DRAIN_NEXT")
            .bit(1, "OP_RESTRICTED")
            .bit(2, "REG_RESTRICTED")
            .bit(3, "OFF_TIMEOUT_USED")
            .bit(4, "DRAIN_ACTIVE")
            .bit(5, "HAS_EVFD")
            // all CQEs are posted by the submitter task
            .bit(6, "TASK_COMPLETE")
            .bit(7, "LOCKLESS_CQ")
            .bit(8, "SYSCALL_IOPOLL")
            .bit(9, "POLL_ACTIVATED")
            .bit(10, "DRAIN_DISABLED")
            .bit(11, "COMPAT")
            .bit(12, "IOWQ_LIMITS_SET")
            .bit(13, "RESTRICT_INHERITED")
            .build();
}
