package dev.ringside.tracer.register;

import dev.ringside.decoders.flags.QueryOp;
import dev.ringside.decoders.flags.RegisterOp;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * The kernel's zcrx answer to IORING_REGISTER_QUERY (fd -1, nr 0, one IO_URING_QUERY_ZCRX header), as
 * liburing's test/zcrx.c asks it: how big and how aligned the refill queue's header is, which
 * ZCRX_REG_* flags, area flags and ZCRX_CTRL_* ops it takes. {@code result} is the call's -errno or
 * the header's result; the other fields are meaningful only when it is 0. {@code fd} is where it was
 * asked: -1 first, then the ring's fd for a kernel that takes the query only on a ring (6.18).
 */
public record ZcrxQuery(int fd, int result, long registerFlags, long areaFlags, int nrCtrlOpcodes, int features,
                        int rqHdrSize, int rqHdrAlignment) {
    private static final StructLayout HDR = UapiLayouts.IO_URING_QUERY_HDR;
    private static final StructLayout ZCRX = UapiLayouts.IO_URING_QUERY_ZCRX;

    public boolean answered() {
        return result == 0;
    }

    /** Bytes of the refill queue's region for {@code entries}: the header rounded to its alignment, the rqes, whole pages. */
    public long regionBytes(long entries, long pageSize) {
        long align = Math.max(1, rqHdrAlignment);
        long size = (rqHdrSize + align - 1) / align * align + entries * UapiLayouts.IO_URING_ZCRX_RQE.byteSize();
        return (size + pageSize - 1) / pageSize * pageSize;
    }

    /** Asked with fd -1, and again on {@code ringFd} (when not -1) if the kernel refuses that. */
    public static ZcrxQuery ofKernel(int ringFd) {
        ZcrxQuery blind = ask(-1);
        return blind.answered() || ringFd < 0 ? blind : ask(ringFd);
    }

    private static ZcrxQuery ask(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment hdr = Structs.allocate(arena, HDR);
            MemorySegment data = Structs.allocate(arena, ZCRX);
            Structs.set(hdr, HDR, "query_data", data.address());
            Structs.set(hdr, HDR, "query_op", QueryOp.ZCRX.value());
            Structs.set(hdr, HDR, "size", ZCRX.byteSize());
            try {
                Syscalls.ioUringRegister(fd, (int) RegisterOp.QUERY.value(), hdr, 0);
            } catch (SyscallException e) {
                return new ZcrxQuery(fd, -e.errno(), 0, 0, 0, 0, 0, 0);
            }
            int result = (int) Structs.get(hdr, HDR, "result");
            return new ZcrxQuery(fd, result, Structs.get(data, ZCRX, "register_flags"), Structs.get(data, ZCRX, "area_flags"),
                    (int) Structs.get(data, ZCRX, "nr_ctrl_opcodes"), (int) Structs.get(data, ZCRX, "features"),
                    (int) Structs.get(data, ZCRX, "rq_hdr_size"), (int) Structs.get(data, ZCRX, "rq_hdr_alignment"));
        }
    }
}
