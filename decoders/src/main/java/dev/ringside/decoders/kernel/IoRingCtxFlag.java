package dev.ringside.decoders.kernel;

import dev.ringside.decoders.flags.FlagBit;
import dev.ringside.decoders.flags.FlagSet;

/**
 * IO_RING_F_* of {@code io_ring_ctx.int_flags}: upstream replaced the bitfields (drain_next:1, ...) with
 * these bits in March 2026 (seed 000). Values from Linux 7.2.13's BTF ({@code kernel-internal-7.2.13.tsv},
 * which a test checks row by row). Kernel 6.18 still has the bitfields, so no 6.18 value has these names.
 */
public enum IoRingCtxFlag implements FlagBit {
    DRAIN_NEXT(1L << 0),
    OP_RESTRICTED(1L << 1),
    REG_RESTRICTED(1L << 2),
    OFF_TIMEOUT_USED(1L << 3),
    DRAIN_ACTIVE(1L << 4),
    HAS_EVFD(1L << 5),
    /** all CQEs are posted by the submitter task */
    TASK_COMPLETE(1L << 6),
    LOCKLESS_CQ(1L << 7),
    SYSCALL_IOPOLL(1L << 8),
    POLL_ACTIVATED(1L << 9),
    DRAIN_DISABLED(1L << 10),
    COMPAT(1L << 11),
    IOWQ_LIMITS_SET(1L << 12),
    RESTRICT_INHERITED(1L << 13);

    public static final FlagSet SET = FlagSet.bits("io_ring_ctx flag", "IO_RING_F_", values());

    private final long value;

    IoRingCtxFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
