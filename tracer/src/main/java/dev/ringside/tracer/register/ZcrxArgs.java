package dev.ringside.tracer.register;

import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.register.RegisterArg;
import dev.ringside.decoders.register.RegisterOpcodes;
import dev.ringside.tracer.sys.SyscallException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /** zcrx_event_desc: the ZCRX_EVENT_* types to report ({@code typeMask}, a bit per type) and their CQEs' user_data. */
    public record Events(long userData, long typeMask) {
    }

    /**
     * ZCRX_IFQ as liburing's test/zcrx.c builds it (zcrx register): the area and the refill queue are
     * memory the caller owns (session buffers), the region an io_uring_region_desc of type USER; with
     * ZCRX_REG_IMPORT both are null and if_idx is the exported fd. nr_args 1, as io_uring_register_ifq.
     */
    public static RegisterArgument ifqIn(Arena arena, long ifIndex, long rxq, long rqEntries, long flags, long rxBufLen,
                                         MemorySegment area, MemorySegment rq, Optional<Events> events) {
        StructLayout layout = UapiLayouts.IO_URING_ZCRX_IFQ_REG;
        MemorySegment reg = Structs.allocate(arena, layout);
        Structs.set(reg, layout, "if_idx", ifIndex);
        Structs.set(reg, layout, "if_rxq", rxq);
        Structs.set(reg, layout, "rq_entries", rqEntries);
        Structs.set(reg, layout, "flags", flags);
        Structs.set(reg, layout, "rx_buf_len", rxBufLen);
        List<RegisterArgument.Pointed> pointed = new ArrayList<>();
        if (events.isPresent()) {
            StructLayout descLayout = UapiLayouts.ZCRX_EVENT_DESC;
            MemorySegment desc = Structs.allocate(arena, descLayout);
            Structs.set(desc, descLayout, "user_data", events.get().userData());
            Structs.set(desc, descLayout, "type_mask", events.get().typeMask());
            Structs.set(reg, layout, "event_desc", desc.address());
            pointed.add(new RegisterArgument.Pointed("event_desc", new RegisterArg.Struct(descLayout, List.of()), desc));
        }
        if (area != null) {
            StructLayout areaLayout = UapiLayouts.IO_URING_ZCRX_AREA_REG;
            MemorySegment areaReg = Structs.allocate(arena, areaLayout);
            Structs.set(areaReg, areaLayout, "addr", area.address());
            Structs.set(areaReg, areaLayout, "len", area.byteSize());
            MemorySegment desc = ControlArgs.userRegion(arena, rq);
            Structs.set(reg, layout, "area_ptr", areaReg.address());
            Structs.set(reg, layout, "region_ptr", desc.address());
            pointed.add(new RegisterArgument.Pointed("area_ptr", new RegisterArg.Struct(areaLayout, List.of()), areaReg));
            pointed.add(new RegisterArgument.Pointed("region_ptr", ControlArgs.region(), desc));
        }
        return new RegisterArgument(RegisterOpcodes.named("ZCRX_IFQ"), reg, 1).pointing(pointed.toArray(RegisterArgument.Pointed[]::new));
    }

    /** ZCRX_CTRL with ZCRX_CTRL_ARM_EVENT: the ZCRX_EVENT_* type to arm (7.2). */
    public static RegisterArgument armEvent(Arena arena, long zcrxId, long op, long eventType) {
        RegisterArgument ctrl = ctrl(arena, zcrxId, op, 0);
        Structs.set(ctrl.arg(), UapiLayouts.ZCRX_CTRL, "zc_arm_event.event_type", eventType);
        return ctrl;
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
