package dev.ringside.tracer.register;

import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.register.RegisterOpcodes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Arguments about provided-buffer rings: register one ringside mapped, unregister a group, ask the kernel's head. */
public final class BufferRingArgs {
    private BufferRingArgs() {
    }

    /** PBUF_RING of {@code pbuf}; {@code flags} are IOU_PBUF_RING_*. */
    public static RegisterArgument register(Arena arena, PbufRing pbuf, int flags) {
        return new RegisterArgument(RegisterOpcodes.named("PBUF_RING"), pbuf.registration(arena, flags), 1);
    }

    /** UNREGISTER_PBUF_RING of group {@code group}. */
    public static RegisterArgument unregister(Arena arena, int group) {
        MemorySegment reg = Structs.allocate(arena, UapiLayouts.IO_URING_BUF_REG);
        Structs.set(reg, UapiLayouts.IO_URING_BUF_REG, "bgid", group);
        return new RegisterArgument(RegisterOpcodes.named("UNREGISTER_PBUF_RING"), reg, 1);
    }

    /** PBUF_STATUS (6.8+) of group {@code group}; the kernel fills in its head. */
    public static RegisterArgument status(Arena arena, int group) {
        MemorySegment status = Structs.allocate(arena, UapiLayouts.IO_URING_BUF_STATUS);
        Structs.set(status, UapiLayouts.IO_URING_BUF_STATUS, "buf_group", group);
        return new RegisterArgument(RegisterOpcodes.named("PBUF_STATUS"), status, 1);
    }
}
