package dev.ringside.decoders.codec;

import dev.ringside.decoders.flags.CqeFlag;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.Errno;

import java.lang.foreign.MemorySegment;
import java.util.Map;

/** CQE bytes to named fields: res with its errno name, flags split into names and the buffer id. */
public final class CqeCodec {
    private CqeCodec() {
    }

    /** IORING_CQE_BUFFER_SHIFT: with F_BUFFER, the buffer id sits in the upper 16 bits of flags. */
    public static final int BUFFER_SHIFT = 16;

    public static Decoded decode(MemorySegment cqe) {
        return StructDecoder.decode(UapiLayouts.IO_URING_CQE, cqe, "cqe", Map.of(
                "user_data", Long::toUnsignedString,
                "res", raw -> Errno.describeResult((int) raw),
                "flags", CqeCodec::formatFlags));
    }

    /** {@code BUFFER|MORE bid=5}: names for the low bits, the buffer id apart when F_BUFFER is set. */
    public static String formatFlags(long flags) {
        if ((flags & CqeFlag.BUFFER.value()) == 0) {
            return FlagSets.CQE.format(flags);
        }
        long bid = (flags >>> BUFFER_SHIFT) & 0xffff;
        return FlagSets.CQE.format(flags & 0xffff) + " bid=" + bid;
    }
}
