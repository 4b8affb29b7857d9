package dev.ringside.tracer.register;

import dev.ringside.decoders.flags.RsrcRegisterFlag;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.register.RegisterArg;
import dev.ringside.decoders.register.RegisterOpcode;
import dev.ringside.decoders.register.RegisterOpcodes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.List;

/** Arguments that register resources: fixed buffers and files, their updates, eventfds, the file allocation range, ring fds. */
public final class ResourceArgs {
    private ResourceArgs() {
    }

    private static final RegisterOpcode BUFFERS = RegisterOpcodes.named("BUFFERS");

    /** IORING_REGISTER_BUFFERS: one iovec per buffer. */
    public static RegisterArgument buffers(Arena arena, List<Iovecs.Span> buffers) {
        return new RegisterArgument(BUFFERS, Iovecs.of(arena, buffers), buffers.size());
    }

    /** IORING_REGISTER_FILES: the fds, -1 for an empty slot. */
    public static RegisterArgument files(Arena arena, List<Integer> fds) {
        return new RegisterArgument(RegisterOpcodes.named("FILES"), ints(arena, fds), fds.size());
    }

    /** FILES2 or BUFFERS2 with IORING_RSRC_REGISTER_SPARSE: a table of {@code nr} empty slots. */
    public static RegisterArgument sparse(Arena arena, boolean buffers, long nr) {
        StructLayout layout = UapiLayouts.IO_URING_RSRC_REGISTER;
        MemorySegment reg = Structs.allocate(arena, layout);
        Structs.set(reg, layout, "nr", nr);
        Structs.set(reg, layout, "flags", RsrcRegisterFlag.SPARSE.value());
        return new RegisterArgument(RegisterOpcodes.named(buffers ? "BUFFERS2" : "FILES2"), reg, (int) layout.byteSize());
    }

    /** BUFFERS_UPDATE: these buffers from slot {@code offset}. */
    public static RegisterArgument buffersUpdate(Arena arena, int offset, List<Iovecs.Span> buffers) {
        MemorySegment iovecs = Iovecs.of(arena, buffers);
        return update2(arena, RegisterOpcodes.named("BUFFERS_UPDATE"), offset, iovecs, buffers.size(), new RegisterArg.Array(RegisterOpcodes.IOVEC));
    }

    /** FILES_UPDATE2: these fds (-1 empties a slot) from slot {@code offset}. */
    public static RegisterArgument filesUpdate(Arena arena, int offset, List<Integer> fds) {
        return update2(arena, RegisterOpcodes.named("FILES_UPDATE2"), offset, ints(arena, fds), fds.size(),
                new RegisterArg.Words("int", true, List.of()));
    }

    private static RegisterArgument update2(Arena arena, RegisterOpcode op, int offset, MemorySegment data, int nr, RegisterArg kind) {
        StructLayout layout = UapiLayouts.IO_URING_RSRC_UPDATE2;
        MemorySegment update = Structs.allocate(arena, layout);
        Structs.set(update, layout, "offset", offset);
        Structs.set(update, layout, "data", data.address());
        Structs.set(update, layout, "nr", nr);
        return new RegisterArgument(op, update, (int) layout.byteSize()).pointing(new RegisterArgument.Pointed("data", kind, data));
    }

    /** EVENTFD or EVENTFD_ASYNC: the eventfd's number. */
    public static RegisterArgument eventfd(Arena arena, int fd, boolean async) {
        return new RegisterArgument(RegisterOpcodes.named(async ? "EVENTFD_ASYNC" : "EVENTFD"), ints(arena, List.of(fd)), 1);
    }

    /** FILE_ALLOC_RANGE: the kernel takes the range itself and wants nr_args 0. */
    public static RegisterArgument fileAllocRange(Arena arena, long offset, long length) {
        StructLayout layout = UapiLayouts.IO_URING_FILE_INDEX_RANGE;
        MemorySegment range = Structs.allocate(arena, layout);
        Structs.set(range, layout, "off", offset);
        Structs.set(range, layout, "len", length);
        return new RegisterArgument(RegisterOpcodes.named("FILE_ALLOC_RANGE"), range, 0);
    }

    /** RING_FDS: register {@code ringFd} at {@code offset}; 0xffffffff lets the kernel pick the slot and write it back. */
    public static RegisterArgument ringFd(Arena arena, long offset, int ringFd) {
        StructLayout layout = UapiLayouts.IO_URING_RSRC_UPDATE;
        MemorySegment update = Structs.allocate(arena, layout);
        Structs.set(update, layout, "offset", offset);
        Structs.set(update, layout, "data", ringFd);
        return new RegisterArgument(RegisterOpcodes.named("RING_FDS"), update, 1);
    }

    /** UNREGISTER_RING_FDS of the slot at {@code offset}. */
    public static RegisterArgument unregisterRingFd(Arena arena, long offset) {
        StructLayout layout = UapiLayouts.IO_URING_RSRC_UPDATE;
        MemorySegment update = Structs.allocate(arena, layout);
        Structs.set(update, layout, "offset", offset);
        return new RegisterArgument(RegisterOpcodes.named("UNREGISTER_RING_FDS"), update, 1);
    }

    /** An opcode that takes no argument; {@code nr} is 0 except UNREGISTER_PERSONALITY's id. */
    public static RegisterArgument none(String opcode, int nr) {
        return new RegisterArgument(RegisterOpcodes.named(opcode), MemorySegment.NULL, nr);
    }

    private static MemorySegment ints(Arena arena, List<Integer> values) {
        MemorySegment out = arena.allocate(ValueLayout.JAVA_INT, Math.max(1, values.size()));
        for (int i = 0; i < values.size(); i++) {
            out.setAtIndex(ValueLayout.JAVA_INT, i, values.get(i));
        }
        return out.asSlice(0, 4L * values.size());
    }
}
