package dev.ringside.tracer.register;

import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.register.RegisterArg;
import dev.ringside.decoders.register.RegisterOpcodes;
import dev.ringside.tracer.sys.SyscallException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.List;

/** Zero-copy receive: an interface queue with the refill queue and area ringside maps, and its control ops. */
public final class ZcrxArgs {
    private ZcrxArgs() {
    }

    private static final long PAGE = 4096;

    /** ZCRX_IFQ: a refill queue (a header page, then {@code rqEntries} rqes) and an area of {@code areaBytes}, both mapped for {@code ring}. */
    public static RegisterArgument ifq(Arena arena, Registrations registrations, String ring, long ifIndex, long rxq,
                                       long rqEntries, long flags, long areaBytes) throws SyscallException {
        MemorySegment rq = registrations.map(ring, PAGE + rqEntries * UapiLayouts.IO_URING_ZCRX_RQE.byteSize());
        MemorySegment area = registrations.map(ring, areaBytes);
        MemorySegment desc = ControlArgs.userRegion(arena, rq);
        StructLayout areaLayout = UapiLayouts.IO_URING_ZCRX_AREA_REG;
        MemorySegment areaReg = Structs.allocate(arena, areaLayout);
        Structs.set(areaReg, areaLayout, "addr", area.address());
        Structs.set(areaReg, areaLayout, "len", area.byteSize());
        StructLayout layout = UapiLayouts.IO_URING_ZCRX_IFQ_REG;
        MemorySegment reg = Structs.allocate(arena, layout);
        Structs.set(reg, layout, "if_idx", ifIndex);
        Structs.set(reg, layout, "if_rxq", rxq);
        Structs.set(reg, layout, "rq_entries", rqEntries);
        Structs.set(reg, layout, "flags", flags);
        Structs.set(reg, layout, "area_ptr", areaReg.address());
        Structs.set(reg, layout, "region_ptr", desc.address());
        return new RegisterArgument(RegisterOpcodes.named("ZCRX_IFQ"), reg, 1).pointing(
                new RegisterArgument.Pointed("area_ptr", new RegisterArg.Struct(areaLayout, List.of()), areaReg),
                new RegisterArgument.Pointed("region_ptr", ControlArgs.region(), desc));
    }

    /** ZCRX_CTRL: the kernel takes the struct itself, with nr_args 0 unless told. */
    public static RegisterArgument ctrl(Arena arena, long zcrxId, long op, int nr) {
        StructLayout layout = UapiLayouts.ZCRX_CTRL;
        MemorySegment ctrl = Structs.allocate(arena, layout);
        Structs.set(ctrl, layout, "zcrx_id", zcrxId);
        Structs.set(ctrl, layout, "op", op);
        return new RegisterArgument(RegisterOpcodes.named("ZCRX_CTRL"), ctrl, nr);
    }
}
