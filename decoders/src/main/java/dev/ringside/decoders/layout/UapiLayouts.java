package dev.ringside.decoders.layout;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.UnionLayout;
import java.lang.foreign.ValueLayout;

import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.MemoryLayout.unionLayout;

/**
 * The structs of the io_uring uapi header as {@link MemoryLayout}s whose element names are the
 * C field names, so the decoder, the encoder and the tracer's VarHandles share one description.
 * Anonymous unions and structs stay unnamed, as in C; {@link LayoutPaths} finds fields inside them.
 */
public final class UapiLayouts {
    private UapiLayouts() {
    }

    static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT;
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;
    static final ValueLayout.OfInt S32 = ValueLayout.JAVA_INT;
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG;

    static MemoryLayout u8(String name) {
        return U8.withName(name);
    }

    static MemoryLayout u16(String name) {
        return U16.withName(name);
    }

    static MemoryLayout u32(String name) {
        return U32.withName(name);
    }

    static MemoryLayout s32(String name) {
        return S32.withName(name);
    }

    static MemoryLayout u64(String name) {
        return U64.withName(name);
    }

    static MemoryLayout array(String name, long count, MemoryLayout element) {
        return sequenceLayout(count, element).withName(name);
    }

    /** Every u32 field of the SQE's op-flags union: one name per opcode family, same four bytes. */
    static final String[] SQE_OP_FLAGS_NAMES = {
        "rw_flags", "fsync_flags", "poll32_events", "sync_range_flags", "msg_flags",
        "timeout_flags", "accept_flags", "cancel_flags", "open_flags", "statx_flags",
        "fadvise_advice", "splice_flags", "rename_flags", "unlink_flags", "hardlink_flags",
        "xattr_flags", "msg_ring_flags", "uring_cmd_flags", "waitid_flags", "futex_flags",
        "install_fd_flags", "nop_flags", "pipe_flags",
    };

    private static UnionLayout sqeOpFlagsUnion() {
        MemoryLayout[] members = new MemoryLayout[SQE_OP_FLAGS_NAMES.length + 1];
        members[0] = u16("poll_events");
        for (int i = 0; i < SQE_OP_FLAGS_NAMES.length; i++) {
            members[i + 1] = u32(SQE_OP_FLAGS_NAMES[i]);
        }
        return unionLayout(members);
    }

    public static final StructLayout KERNEL_TIMESPEC = structLayout(
            u64("tv_sec"),
            u64("tv_nsec")).withName("__kernel_timespec");

    /** struct io_uring_sqe: 64 bytes; an SQE128 ring gives each entry 64 more bytes of cmd. */
    public static final StructLayout IO_URING_SQE = structLayout(
            u8("opcode"),
            u8("flags"),
            u16("ioprio"),
            s32("fd"),
            unionLayout(
                    u64("off"),
                    u64("addr2"),
                    structLayout(u32("cmd_op"), u32("__pad1"))),
            unionLayout(
                    u64("addr"),
                    u64("splice_off_in"),
                    structLayout(u32("level"), u32("optname"))),
            u32("len"),
            sqeOpFlagsUnion(),
            u64("user_data"),
            unionLayout(
                    u16("buf_index"),
                    u16("buf_group")),
            u16("personality"),
            unionLayout(
                    s32("splice_fd_in"),
                    u32("file_index"),
                    u32("zcrx_ifq_idx"),
                    u32("optlen"),
                    structLayout(u16("addr_len"), array("__pad3", 1, U16))),
            unionLayout(
                    structLayout(u64("addr3"), array("__pad2", 1, U64)),
                    structLayout(u64("attr_ptr"), u64("attr_type_mask")),
                    u64("optval"),
                    array("cmd", 0, U8))).withName("io_uring_sqe");

    /** struct io_uring_cqe: 16 bytes; big_cqe[] is the extra 16 bytes of a CQE32 ring. */
    public static final StructLayout IO_URING_CQE = structLayout(
            u64("user_data"),
            s32("res"),
            u32("flags"),
            array("big_cqe", 0, U64)).withName("io_uring_cqe");

    public static final StructLayout IO_SQRING_OFFSETS = structLayout(
            u32("head"),
            u32("tail"),
            u32("ring_mask"),
            u32("ring_entries"),
            u32("flags"),
            u32("dropped"),
            u32("array"),
            u32("resv1"),
            u64("user_addr")).withName("io_sqring_offsets");

    public static final StructLayout IO_CQRING_OFFSETS = structLayout(
            u32("head"),
            u32("tail"),
            u32("ring_mask"),
            u32("ring_entries"),
            u32("overflow"),
            u32("cqes"),
            u32("flags"),
            u32("resv1"),
            u64("user_addr")).withName("io_cqring_offsets");

    public static final StructLayout IO_URING_PARAMS = structLayout(
            u32("sq_entries"),
            u32("cq_entries"),
            u32("flags"),
            u32("sq_thread_cpu"),
            u32("sq_thread_idle"),
            u32("features"),
            u32("wq_fd"),
            array("resv", 3, U32),
            IO_SQRING_OFFSETS.withName("sq_off"),
            IO_CQRING_OFFSETS.withName("cq_off")).withName("io_uring_params");

    /** The argument of io_uring_enter with IORING_ENTER_EXT_ARG: how ringside bounds every wait. */
    public static final StructLayout IO_URING_GETEVENTS_ARG = structLayout(
            u64("sigmask"),
            u32("sigmask_sz"),
            u32("min_wait_usec"),
            u64("ts")).withName("io_uring_getevents_arg");

    public static final StructLayout IO_URING_PROBE_OP = structLayout(
            u8("op"),
            u8("resv"),
            u16("flags"),
            u32("resv2")).withName("io_uring_probe_op");

    /** struct io_uring_probe with its flexible ops[] sized for {@code ops} entries. */
    public static StructLayout ioUringProbe(int ops) {
        return structLayout(
                u8("last_op"),
                u8("ops_len"),
                u16("resv"),
                array("resv2", 3, U32),
                array("ops", ops, IO_URING_PROBE_OP)).withName("io_uring_probe");
    }
}
