package dev.ringside.tracer.register;

import dev.ringside.decoders.flags.MemRegionType;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.register.RegisterArg;
import dev.ringside.decoders.register.RegisterOpcodes;
import dev.ringside.tracer.sys.SyscallException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;
import java.util.List;

/** Arguments that set how a ring behaves: probe, restrictions, io-wq limits and CPUs, NAPI, clock, sync cancel, memory regions. */
public final class ControlArgs {
    private ControlArgs() {
    }

    /** PROBE with room for {@code ops} entries (at most 256: io_uring_probe_op.op is a __u8). */
    public static RegisterArgument probe(Arena arena, int ops) {
        return new RegisterArgument(RegisterOpcodes.named("PROBE"), Structs.allocate(arena, UapiLayouts.ioUringProbe(ops)), ops);
    }

    /** One io_uring_restriction: which member of its union applies ({@code IORING_RESTRICTION_*}) and its value. */
    public record Restriction(long kind, long value) {
    }

    public static RegisterArgument restrictions(Arena arena, List<Restriction> entries) {
        StructLayout layout = UapiLayouts.IO_URING_RESTRICTION;
        MemorySegment array = Structs.allocateArray(arena, layout, entries.size());
        for (int i = 0; i < entries.size(); i++) {
            MemorySegment r = Structs.element(array, layout, i);
            Structs.set(r, layout, "opcode", entries.get(i).kind());
            // register_op, sqe_op and sqe_flags share one byte
            Structs.set(r, layout, "register_op", entries.get(i).value());
        }
        return new RegisterArgument(RegisterOpcodes.named("RESTRICTIONS"), array.asSlice(0, layout.byteSize() * entries.size()),
                entries.size());
    }

    /** IOWQ_MAX_WORKERS: 0 reads a limit without changing it; the kernel answers the previous ones in place. */
    public static RegisterArgument iowqMaxWorkers(Arena arena, long bound, long unbound) {
        MemorySegment counts = arena.allocate(ValueLayout.JAVA_INT, 2);
        counts.setAtIndex(ValueLayout.JAVA_INT, 0, (int) bound);
        counts.setAtIndex(ValueLayout.JAVA_INT, 1, (int) unbound);
        return new RegisterArgument(RegisterOpcodes.named("IOWQ_MAX_WORKERS"), counts, 2);
    }

    /** IOWQ_AFF: the CPU mask in whole unsigned longs, as the kernel's cpumask is read; nr_args is its size. */
    public static RegisterArgument iowqAffinity(Arena arena, BitSet cpus) {
        int bytes = (cpus.length() + 63) / 64 * 8;
        MemorySegment mask = arena.allocate(Math.max(8, bytes), 8).asSlice(0, bytes);
        mask.copyFrom(MemorySegment.ofArray(java.util.Arrays.copyOf(cpus.toByteArray(), bytes)));
        return new RegisterArgument(RegisterOpcodes.named("IOWQ_AFF"), mask, bytes);
    }

    /** NAPI: op_param is a tracking strategy for REGISTER_OP, a NAPI id for the STATIC_*_ID ops. */
    public static RegisterArgument napi(Arena arena, long busyPollTo, long preferBusyPoll, long opcode, long opParam) {
        StructLayout layout = UapiLayouts.IO_URING_NAPI;
        MemorySegment napi = Structs.allocate(arena, layout);
        Structs.set(napi, layout, "busy_poll_to", busyPollTo);
        Structs.set(napi, layout, "prefer_busy_poll", preferBusyPoll);
        Structs.set(napi, layout, "opcode", opcode);
        Structs.set(napi, layout, "op_param", opParam);
        return new RegisterArgument(RegisterOpcodes.named("NAPI"), napi, 1);
    }

    /** UNREGISTER_NAPI: a zeroed io_uring_napi the kernel fills with the settings it had. */
    public static RegisterArgument unregisterNapi(Arena arena) {
        return new RegisterArgument(RegisterOpcodes.named("UNREGISTER_NAPI"), Structs.allocate(arena, UapiLayouts.IO_URING_NAPI), 1);
    }

    /** CLOCK: the clock id of wait timeouts; the kernel takes the struct itself with nr_args 0. */
    public static RegisterArgument clock(Arena arena, long clockId) {
        StructLayout layout = UapiLayouts.IO_URING_CLOCK_REGISTER;
        MemorySegment clock = Structs.allocate(arena, layout);
        Structs.set(clock, layout, "clockid", clockId);
        return new RegisterArgument(RegisterOpcodes.named("CLOCK"), clock, 0);
    }

    /** SYNC_CANCEL of the requests that match; {@code opcode} -1 leaves it 0; the wait is bounded by {@code timeoutNanos}. */
    public static RegisterArgument syncCancel(Arena arena, long userData, int fd, long flags, long opcode, long timeoutNanos) {
        StructLayout layout = UapiLayouts.IO_URING_SYNC_CANCEL_REG;
        MemorySegment reg = Structs.allocate(arena, layout);
        Structs.set(reg, layout, "addr", userData);
        Structs.set(reg, layout, "fd", fd);
        Structs.set(reg, layout, "flags", flags);
        Structs.set(reg, layout, "opcode", Math.max(0, opcode));
        Structs.set(reg, layout, "timeout.tv_sec", timeoutNanos / 1_000_000_000L);
        Structs.set(reg, layout, "timeout.tv_nsec", timeoutNanos % 1_000_000_000L);
        return new RegisterArgument(RegisterOpcodes.named("SYNC_CANCEL"), reg, 1);
    }

    /** MEM_REGION over {@code size} bytes of user memory mapped for {@code ring} (unmapped when it closes). */
    public static RegisterArgument memRegion(Arena arena, Registrations registrations, String ring, long size, long flags)
            throws SyscallException {
        MemorySegment desc = userRegion(arena, registrations.map(ring, size));
        StructLayout layout = UapiLayouts.IO_URING_MEM_REGION_REG;
        MemorySegment reg = Structs.allocate(arena, layout);
        Structs.set(reg, layout, "region_uptr", desc.address());
        Structs.set(reg, layout, "flags", flags);
        return new RegisterArgument(RegisterOpcodes.named("MEM_REGION"), reg, 1)
                .pointing(new RegisterArgument.Pointed("region_uptr", region(), desc));
    }

    /** A struct io_uring_region_desc for user memory ringside mapped (IORING_MEM_REGION_TYPE_USER). */
    static MemorySegment userRegion(Arena arena, MemorySegment memory) {
        StructLayout layout = UapiLayouts.IO_URING_REGION_DESC;
        MemorySegment desc = Structs.allocate(arena, layout);
        Structs.set(desc, layout, "user_addr", memory.address());
        Structs.set(desc, layout, "size", memory.byteSize());
        Structs.set(desc, layout, "flags", MemRegionType.USER.value());
        return desc;
    }

    static RegisterArg region() {
        return new RegisterArg.Struct(UapiLayouts.IO_URING_REGION_DESC, List.of());
    }
}
