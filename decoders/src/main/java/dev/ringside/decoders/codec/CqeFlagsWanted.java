package dev.ringside.decoders.codec;

import dev.ringside.decoders.flags.CqeFlag;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.ValueException;

import java.util.OptionalLong;

/**
 * What {@code expect cqe flags=F bid=N} asks of a CQE's flags. With IORING_CQE_F_BUFFER the upper 16
 * bits are the buffer id, not flags: {@code flags=BUFFER} matches a CQE of any bid,
 * {@code flags=0x30001} is {@code flags=BUFFER bid=3}, and a bid is only ever read under F_BUFFER.
 *
 * @param flags the flag bits wanted, without a buffer id (empty: any)
 * @param bid   the buffer id wanted (empty: any); only a CQE with F_BUFFER has one
 */
public record CqeFlagsWanted(OptionalLong flags, OptionalLong bid) {
    private static final long BUFFER = CqeFlag.BUFFER.value();
    private static final long LOW = (1L << CqeCodec.BUFFER_SHIFT) - 1;

    /** From the words typed: a flags value whose F_BUFFER carries a bid in its upper bits is split into flags and bid. */
    public static CqeFlagsWanted of(Long flags, Long bid) {
        if (bid != null && (bid < 0 || bid > LOW)) {
            throw new ValueException("bid is 16 bits (0.." + LOW + "), not " + bid);
        }
        if (flags == null || (flags & BUFFER) == 0 || flags >>> CqeCodec.BUFFER_SHIFT == 0) {
            if (bid != null && flags != null && (flags & BUFFER) == 0) {
                throw new ValueException("bid=" + bid + " needs flags with BUFFER: only a CQE with IORING_CQE_F_BUFFER carries a buffer id");
            }
            return new CqeFlagsWanted(optional(flags), optional(bid));
        }
        long inFlags = flags >>> CqeCodec.BUFFER_SHIFT;
        if (bid != null && bid != inFlags) {
            throw new ValueException("flags=" + CqeCodec.formatFlags(flags) + " and bid=" + bid + " name two buffer ids");
        }
        return new CqeFlagsWanted(OptionalLong.of(flags & LOW), OptionalLong.of(inFlags));
    }

    /** Whether a CQE's flags are what is wanted: the flag bits (below the bid under F_BUFFER) and the bid. */
    public boolean matches(int cqeFlags) {
        long got = Integer.toUnsignedLong(cqeFlags);
        boolean buffer = (got & BUFFER) != 0;
        long gotFlags = buffer ? got & LOW : got;
        if (flags.isPresent() && flags.getAsLong() != gotFlags) {
            return false;
        }
        return bid.isEmpty() || (buffer && bid.getAsLong() == got >>> CqeCodec.BUFFER_SHIFT);
    }

    /** The flags as the kernel would have them for this wish, bid in the upper bits: what the C program compares. */
    public OptionalLong asRawFlags() {
        if (flags.isEmpty()) {
            return OptionalLong.empty();
        }
        long f = flags.getAsLong();
        return OptionalLong.of(bid.isPresent() && (f & BUFFER) != 0 ? f | bid.getAsLong() << CqeCodec.BUFFER_SHIFT : f);
    }

    /** {@code  flags=BUFFER bid=3}, or "" when nothing about the flags is wanted. */
    public String describe() {
        return (flags.isEmpty() ? "" : " flags=" + FlagSets.CQE.format(flags.getAsLong()))
                + (bid.isEmpty() ? "" : " bid=" + bid.getAsLong());
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
