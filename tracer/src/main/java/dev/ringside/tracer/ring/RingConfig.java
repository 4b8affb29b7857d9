package dev.ringside.tracer.ring;

/**
 * What io_uring_setup is asked for: the fields of struct io_uring_params the caller sets.
 *
 * @param entries      SQ entries (the kernel rounds up to a power of two)
 * @param flags        IORING_SETUP_* bits, passed through unchecked: the kernel is the judge
 * @param cqEntries    CQ entries; used by the kernel only with IORING_SETUP_CQSIZE
 * @param sqThreadCpu  with SQ_AFF: the CPU of the SQPOLL thread
 * @param sqThreadIdle with SQPOLL: ms of idle before the thread sleeps
 * @param wqFd         with ATTACH_WQ: the ring whose io-wq to share
 */
public record RingConfig(int entries, long flags, int cqEntries, int sqThreadCpu, int sqThreadIdle, int wqFd) {
    public static RingConfig of(int entries, long flags) {
        return new RingConfig(entries, flags, 0, 0, 0, 0);
    }
}
