package dev.ringside.tracer.register;

import dev.ringside.decoders.register.RegisterOpcodes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.List;

/** struct iovec arrays, the argument of IORING_REGISTER_BUFFERS (libc's struct, not io_uring's). */
public final class Iovecs {
    private Iovecs() {
    }

    /** struct iovec on x86-64, as the register catalogue declares it. */
    public static final StructLayout IOVEC = RegisterOpcodes.IOVEC;

    /** One buffer by address and length. */
    public record Span(long address, long length) {
    }

    public static MemorySegment of(Arena arena, List<Span> spans) {
        MemorySegment array = Structs.allocateArray(arena, IOVEC, spans.size());
        for (int i = 0; i < spans.size(); i++) {
            MemorySegment v = Structs.element(array, IOVEC, i);
            Structs.set(v, IOVEC, "iov_base", spans.get(i).address());
            Structs.set(v, IOVEC, "iov_len", spans.get(i).length());
        }
        return array.asSlice(0, IOVEC.byteSize() * spans.size());
    }
}
