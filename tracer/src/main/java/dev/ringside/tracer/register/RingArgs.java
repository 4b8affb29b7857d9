package dev.ringside.tracer.register;

import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.codec.PointerSource;
import dev.ringside.decoders.codec.SqeCodec;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.register.RegisterOpcodes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** Arguments between rings: resize_rings, clone_buffers, send_msg_ring (sent without a ring). */
public final class RingArgs {
    private RingArgs() {
    }

    /** RESIZE_RINGS: {@code cqEntries} 0 leaves the CQ size to the kernel; the kernel writes the sizes it chose back. */
    public static RegisterArgument resize(Arena arena, long sqEntries, long cqEntries, long flags) {
        StructLayout layout = UapiLayouts.IO_URING_PARAMS;
        MemorySegment p = Structs.allocate(arena, layout);
        Structs.set(p, layout, "sq_entries", sqEntries);
        Structs.set(p, layout, "cq_entries", cqEntries);
        Structs.set(p, layout, "flags", flags);
        return new RegisterArgument(RegisterOpcodes.named("RESIZE_RINGS"), p, 1);
    }

    /** CLONE_BUFFERS from the ring at {@code srcFd} (or its registered index with SRC_REGISTERED). */
    public static RegisterArgument cloneBuffers(Arena arena, int srcFd, long flags, long srcOff, long dstOff, long nr) {
        StructLayout layout = UapiLayouts.IO_URING_CLONE_BUFFERS;
        MemorySegment c = Structs.allocate(arena, layout);
        Structs.set(c, layout, "src_fd", srcFd);
        Structs.set(c, layout, "flags", flags);
        Structs.set(c, layout, "src_off", srcOff);
        Structs.set(c, layout, "dst_off", dstOff);
        Structs.set(c, layout, "nr", nr);
        return new RegisterArgument(RegisterOpcodes.named("CLONE_BUFFERS"), c, 1);
    }

    /** SEND_MSG_RING: one MSG_RING SQE encoded from {@code draft}, sent to fd -1. */
    public static RegisterArgument sendMsgRing(Arena arena, SqeDraft draft, PointerSource pointers) {
        MemorySegment sqe = arena.allocate(SqeCodec.SQE_SIZE, 8);
        SqeCodec.encode(draft, sqe, pointers);
        return new RegisterArgument(RegisterOpcodes.named("SEND_MSG_RING"), sqe, 1).withoutRing();
    }
}
