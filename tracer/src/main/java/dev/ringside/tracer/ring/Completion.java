package dev.ringside.tracer.ring;

/**
 * One CQE as read from the CQ ring.
 *
 * @param index    the CQ ring position it was read from (head at the time, not masked)
 * @param userData copied from the SQE
 * @param res      the result: >= 0 on success, -errno on failure
 * @param flags    IORING_CQE_F_* bits
 * @param big      the 16 extra bytes of a 32-byte CQE (CQE32, or F_32 on a CQE_MIXED ring), else empty
 */
public record Completion(long index, long userData, int res, int flags, byte[] big) {
    public boolean isBig() {
        return big.length > 0;
    }
}
