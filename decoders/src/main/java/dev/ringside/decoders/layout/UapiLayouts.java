package dev.ringside.decoders.layout;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.UnionLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    static final ValueLayout.OfLong S64 = ValueLayout.JAVA_LONG;
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

    /**
     * The member layouts declared signed (s32, s64). An FFM value layout carries no signedness, so the
     * declaring helper records the very layout object: the struct keeps it, and isSigned finds it there.
     */
    private static final Set<MemoryLayout> SIGNED = Collections.newSetFromMap(new IdentityHashMap<>());

    private static MemoryLayout signed(MemoryLayout member) {
        SIGNED.add(member);
        return member;
    }

    static MemoryLayout s32(String name) {
        return signed(S32.withName(name));
    }

    static MemoryLayout s64(String name) {
        return signed(S64.withName(name));
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

    /**
     * The op-flags union in C declaration order (rw_flags, fsync_flags, poll_events, poll32_events, ...):
     * the first member is the one raw decoding shows, so it must be a full 32-bit one.
     */
    private static UnionLayout sqeOpFlagsUnion() {
        List<MemoryLayout> members = new ArrayList<>();
        for (String name : SQE_OP_FLAGS_NAMES) {
            if (name.equals("poll32_events")) {
                // the 16-bit compatibility reading sits just before its 32-bit successor, as in C
                members.add(u16("poll_events"));
            }
            members.add(u32(name));
        }
        return unionLayout(members.toArray(MemoryLayout[]::new));
    }

    public static final StructLayout KERNEL_TIMESPEC = structLayout(
            s64("tv_sec"),
            s64("tv_nsec")).withName("__kernel_timespec");

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
                    structLayout(u16("addr_len"), array("__pad3", 1, U16)),
                    structLayout(u8("write_stream"), array("__pad4", 3, U8))),
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

    /** struct io_uring_probe as io_uring_register(PROBE) is handed it: the header and an empty ops[]. */
    public static final StructLayout IO_URING_PROBE = ioUringProbe(0);

    /** The PI attribute that sqe->attr_ptr points to when attr_type_mask has IORING_RW_ATTR_FLAG_PI. */
    public static final StructLayout IO_URING_ATTR_PI = structLayout(
            u16("flags"),
            u16("app_tag"),
            u32("len"),
            u64("addr"),
            u64("seed"),
            u64("rsvd")).withName("io_uring_attr_pi");

    /** The argument of IORING_REGISTER_FILES_UPDATE (the old form of io_uring_rsrc_update). */
    public static final StructLayout IO_URING_FILES_UPDATE = structLayout(
            u32("offset"),
            u32("resv"),
            u64("fds")).withName("io_uring_files_update");

    /** One memory region: user memory (TYPE_USER) or kernel memory the caller mmaps at mmap_offset. */
    public static final StructLayout IO_URING_REGION_DESC = structLayout(
            u64("user_addr"),
            u64("size"),
            u32("flags"),
            u32("id"),
            u64("mmap_offset"),
            array("__resv", 4, U64)).withName("io_uring_region_desc");

    /** The argument of IORING_REGISTER_MEM_REGION: a pointer to a region_desc and IORING_MEM_REGION_REG_* flags. */
    public static final StructLayout IO_URING_MEM_REGION_REG = structLayout(
            u64("region_uptr"),
            u64("flags"),
            array("__resv", 2, U64)).withName("io_uring_mem_region_reg");

    /** The argument of IORING_REGISTER_FILES2 / BUFFERS2: nr entries at data, optional tags. */
    public static final StructLayout IO_URING_RSRC_REGISTER = structLayout(
            u32("nr"),
            u32("flags"),
            u64("resv2"),
            u64("data"),
            u64("tags")).withName("io_uring_rsrc_register");

    public static final StructLayout IO_URING_RSRC_UPDATE = structLayout(
            u32("offset"),
            u32("resv"),
            u64("data")).withName("io_uring_rsrc_update");

    /** The argument of IORING_REGISTER_FILES_UPDATE2 / BUFFERS_UPDATE. */
    public static final StructLayout IO_URING_RSRC_UPDATE2 = structLayout(
            u32("offset"),
            u32("resv"),
            u64("data"),
            u64("tags"),
            u32("nr"),
            u32("resv2")).withName("io_uring_rsrc_update2");

    /** One IORING_REGISTER_RESTRICTIONS entry: opcode is an IORING_RESTRICTION_*, the union its argument. */
    public static final StructLayout IO_URING_RESTRICTION = structLayout(
            u16("opcode"),
            unionLayout(
                    u8("register_op"),
                    u8("sqe_op"),
                    u8("sqe_flags")),
            u8("resv"),
            array("resv2", 3, U32)).withName("io_uring_restriction");

    /** Per-task restrictions: a header and a flexible restrictions[] of nr_res entries. */
    public static final StructLayout IO_URING_TASK_RESTRICTION = structLayout(
            u16("flags"),
            u16("nr_res"),
            array("resv", 3, U32),
            array("restrictions", 0, IO_URING_RESTRICTION)).withName("io_uring_task_restriction");

    public static final StructLayout IO_URING_CLOCK_REGISTER = structLayout(
            u32("clockid"),
            array("__resv", 3, U32)).withName("io_uring_clock_register");

    public static final StructLayout IO_URING_CLONE_BUFFERS = structLayout(
            u32("src_fd"),
            u32("flags"),
            u32("src_off"),
            u32("dst_off"),
            u32("nr"),
            array("pad", 3, U32)).withName("io_uring_clone_buffers");

    /** One entry of a provided-buffer ring. */
    public static final StructLayout IO_URING_BUF = structLayout(
            u64("addr"),
            u32("len"),
            u16("bid"),
            u16("resv")).withName("io_uring_buf");

    /**
     * A provided-buffer ring: the tail shares the bytes of bufs[0].resv, so entry 0's last two bytes
     * are the ring's tail, which is why the header is a union with bufs[] and not a prefix.
     */
    public static final StructLayout IO_URING_BUF_RING = structLayout(
            unionLayout(
                    structLayout(
                            u64("resv1"),
                            u32("resv2"),
                            u16("resv3"),
                            u16("tail")),
                    array("bufs", 0, IO_URING_BUF))).withName("io_uring_buf_ring");

    /** The argument of IORING_REGISTER_PBUF_RING; flags are IOU_PBUF_RING_*. */
    public static final StructLayout IO_URING_BUF_REG = structLayout(
            u64("ring_addr"),
            u32("ring_entries"),
            u16("bgid"),
            u16("flags"),
            u32("min_left"),
            array("resv", 5, U32)).withName("io_uring_buf_reg");

    /** The argument of IORING_REGISTER_PBUF_STATUS: the kernel fills in head. */
    public static final StructLayout IO_URING_BUF_STATUS = structLayout(
            u32("buf_group"),
            u32("head"),
            array("resv", 8, U32)).withName("io_uring_buf_status");

    /** The argument of IORING_REGISTER_NAPI: opcode is an IO_URING_NAPI_*_OP, op_param its argument (a tracking strategy or a NAPI id). */
    public static final StructLayout IO_URING_NAPI = structLayout(
            u32("busy_poll_to"),
            u8("prefer_busy_poll"),
            u8("opcode"),
            array("pad", 2, U8),
            u32("op_param"),
            u32("resv")).withName("io_uring_napi");

    /** One slot of a registered wait region (IORING_ENTER_EXT_ARG_REG): the timeout is held in place. */
    public static final StructLayout IO_URING_REG_WAIT = structLayout(
            KERNEL_TIMESPEC.withName("ts"),
            u32("min_wait_usec"),
            u32("flags"),
            u64("sigmask"),
            u32("sigmask_sz"),
            array("pad", 3, U32),
            array("pad2", 2, U64)).withName("io_uring_reg_wait");

    /** The argument of IORING_REGISTER_SYNC_CANCEL; flags are IORING_ASYNC_CANCEL_*. */
    public static final StructLayout IO_URING_SYNC_CANCEL_REG = structLayout(
            u64("addr"),
            s32("fd"),
            u32("flags"),
            KERNEL_TIMESPEC.withName("timeout"),
            u8("opcode"),
            array("pad", 7, U8),
            array("pad2", 3, U64)).withName("io_uring_sync_cancel_reg");

    /** The argument of IORING_REGISTER_FILE_ALLOC_RANGE: slots [off, off + len). */
    public static final StructLayout IO_URING_FILE_INDEX_RANGE = structLayout(
            u32("off"),
            u32("len"),
            u64("resv")).withName("io_uring_file_index_range");

    /** The header a multishot RECVMSG writes at the start of each provided buffer. */
    public static final StructLayout IO_URING_RECVMSG_OUT = structLayout(
            u32("namelen"),
            u32("controllen"),
            u32("payloadlen"),
            u32("flags")).withName("io_uring_recvmsg_out");

    public static final StructLayout IO_TIMESPEC = structLayout(
            u64("tv_sec"),
            u64("tv_nsec")).withName("io_timespec");

    /** A zcrx refill queue entry: hands a received buffer back to the kernel. */
    public static final StructLayout IO_URING_ZCRX_RQE = structLayout(
            u64("off"),
            u32("len"),
            u32("__pad")).withName("io_uring_zcrx_rqe");

    /** The extra 16 bytes of a RECV_ZC CQE32: where in the area the data landed. */
    public static final StructLayout IO_URING_ZCRX_CQE = structLayout(
            u64("off"),
            u64("__pad")).withName("io_uring_zcrx_cqe");

    public static final StructLayout IO_URING_ZCRX_OFFSETS = structLayout(
            u32("head"),
            u32("tail"),
            u32("rqes"),
            u32("__resv2"),
            array("__resv", 2, U64)).withName("io_uring_zcrx_offsets");

    public static final StructLayout IO_URING_ZCRX_AREA_REG = structLayout(
            u64("addr"),
            u64("len"),
            u64("rq_area_token"),
            u32("flags"),
            u32("dmabuf_fd"),
            array("__resv2", 2, U64)).withName("io_uring_zcrx_area_reg");

    /** The argument of IORING_REGISTER_ZCRX_IFQ; the kernel fills in offsets and zcrx_id. */
    public static final StructLayout IO_URING_ZCRX_IFQ_REG = structLayout(
            u32("if_idx"),
            u32("if_rxq"),
            u32("rq_entries"),
            u32("flags"),
            u64("area_ptr"),
            u64("region_ptr"),
            IO_URING_ZCRX_OFFSETS.withName("offsets"),
            u32("zcrx_id"),
            u32("rx_buf_len"),
            u64("event_desc"),
            array("__resv", 2, U64)).withName("io_uring_zcrx_ifq_reg");

    /** What a zcrx event reports (7.2): copy fallbacks, where ZCRX_EVENT_DESC_FLAG_STATS asks for them. */
    public static final StructLayout ZCRX_STATS = structLayout(
            u64("copy_count"),
            u64("copy_bytes")).withName("zcrx_stats");

    /** What io_uring_zcrx_ifq_reg.event_desc points to (7.2): which ZCRX_EVENT_* post a CQE with user_data. */
    public static final StructLayout ZCRX_EVENT_DESC = structLayout(
            u64("user_data"),
            u32("type_mask"),
            u32("flags"),
            u64("stats_offset"),
            array("__resv2", 9, U64)).withName("zcrx_event_desc");

    public static final StructLayout ZCRX_CTRL_FLUSH_RQ = structLayout(
            array("__resv", 6, U64)).withName("zcrx_ctrl_flush_rq");

    public static final StructLayout ZCRX_CTRL_EXPORT = structLayout(
            u32("zcrx_fd"),
            array("__resv1", 11, U32)).withName("zcrx_ctrl_export");

    /** ZCRX_CTRL_ARM_EVENT's argument (7.2): the ZCRX_EVENT_* to arm. */
    public static final StructLayout ZCRX_CTRL_ARM_EVENT = structLayout(
            u32("event_type"),
            array("__resv", 11, U32)).withName("zcrx_ctrl_arm_event");

    /** The argument of IORING_REGISTER_ZCRX_CTRL: op (ZCRX_CTRL_*) selects which union member applies. */
    public static final StructLayout ZCRX_CTRL = structLayout(
            u32("zcrx_id"),
            u32("op"),
            array("__resv", 2, U64),
            unionLayout(
                    ZCRX_CTRL_EXPORT.withName("zc_export"),
                    ZCRX_CTRL_FLUSH_RQ.withName("zc_flush"),
                    ZCRX_CTRL_ARM_EVENT.withName("zc_arm_event"))).withName("zcrx_ctrl");

    /** What a BPF filter program sees of a request (io_uring/bpf_filter.h): the union member follows opcode. */
    public static final StructLayout IO_URING_BPF_CTX = structLayout(
            u64("user_data"),
            u8("opcode"),
            u8("sqe_flags"),
            u8("pdu_size"),
            array("pad", 5, U8),
            unionLayout(
                    structLayout(u32("family"), u32("type"), u32("protocol")).withName("socket"),
                    structLayout(u64("flags"), u64("mode"), u64("resolve")).withName("open"),
                    structLayout(u32("family"), u16("port"), array("pad", 2, U8),
                            unionLayout(u32("v4_addr"), array("v6_addr", 16, U8))).withName("connect"))).withName("io_uring_bpf_ctx");

    /** One filter of IORING_REGISTER_BPF_FILTER: a classic BPF program of filter_len instructions for an opcode. */
    public static final StructLayout IO_URING_BPF_FILTER = structLayout(
            u32("opcode"),
            u32("flags"),
            u32("filter_len"),
            u8("pdu_size"),
            array("resv", 3, U8),
            u64("filter_ptr"),
            array("resv2", 5, U64)).withName("io_uring_bpf_filter");

    /** The argument of IORING_REGISTER_BPF_FILTER: cmd_type (IO_URING_BPF_CMD_*) selects the union member. */
    public static final StructLayout IO_URING_BPF = structLayout(
            u16("cmd_type"),
            u16("cmd_flags"),
            u32("resv"),
            unionLayout(IO_URING_BPF_FILTER.withName("filter"))).withName("io_uring_bpf");

    /** io_uring/mock_file.h: what IORING_MOCK_MGR_CMD_PROBE reports (IORING_MOCK_FEAT_* up to features). */
    public static final StructLayout IO_URING_MOCK_PROBE = structLayout(
            u64("features"),
            array("__resv", 9, U64)).withName("io_uring_mock_probe");

    /** io_uring/mock_file.h: IORING_MOCK_MGR_CMD_CREATE's argument; the kernel fills in out_fd. */
    public static final StructLayout IO_URING_MOCK_CREATE = structLayout(
            u32("out_fd"),
            u32("flags"),
            u64("file_size"),
            u64("rw_delay_ns"),
            array("__resv", 13, U64)).withName("io_uring_mock_create");

    /** io_uring/query.h: one entry of IORING_REGISTER_QUERY's chain; the kernel writes result and size. */
    public static final StructLayout IO_URING_QUERY_HDR = structLayout(
            u64("next_entry"),
            u64("query_data"),
            u32("query_op"),
            u32("size"),
            s32("result"),
            array("__resv", 3, U32)).withName("io_uring_query_hdr");

    /** IO_URING_QUERY_OPCODES' answer: how many opcodes of each kind and which flags this kernel knows. */
    public static final StructLayout IO_URING_QUERY_OPCODE = structLayout(
            u32("nr_request_opcodes"),
            u32("nr_register_opcodes"),
            u64("feature_flags"),
            u64("ring_setup_flags"),
            u64("enter_flags"),
            u64("sqe_flags"),
            u32("nr_query_opcodes"),
            u32("__pad")).withName("io_uring_query_opcode");

    /** IO_URING_QUERY_ZCRX's answer. */
    public static final StructLayout IO_URING_QUERY_ZCRX = structLayout(
            u64("register_flags"),
            u64("area_flags"),
            u32("nr_ctrl_opcodes"),
            u32("features"),
            u32("rq_hdr_size"),
            u32("rq_hdr_alignment"),
            u64("__resv2")).withName("io_uring_query_zcrx");

    /** IO_URING_QUERY_ZCRX_EVENT's answer (7.2). */
    public static final StructLayout IO_URING_QUERY_ZCRX_EVENT = structLayout(
            u32("event_flags"),
            u32("stats_size"),
            u32("stats_off_alignment"),
            u32("__resv1"),
            array("__resv2", 4, U64)).withName("io_uring_query_zcrx_event");

    /** IO_URING_QUERY_SCQ's answer: the shared SQ/CQ header's size and alignment. */
    public static final StructLayout IO_URING_QUERY_SCQ = structLayout(
            u64("hdr_size"),
            u64("hdr_alignment")).withName("io_uring_query_scq");

    /** Every struct of the uapi header in header order; the probe with an empty ops[]. */
    private static final List<StructLayout> ALL = List.of(
            KERNEL_TIMESPEC,
            IO_URING_SQE,
            IO_URING_ATTR_PI,
            IO_URING_CQE,
            IO_SQRING_OFFSETS,
            IO_CQRING_OFFSETS,
            IO_URING_PARAMS,
            IO_URING_FILES_UPDATE,
            IO_URING_REGION_DESC,
            IO_URING_MEM_REGION_REG,
            IO_URING_RSRC_REGISTER,
            IO_URING_RSRC_UPDATE,
            IO_URING_RSRC_UPDATE2,
            IO_URING_PROBE_OP,
            IO_URING_PROBE,
            IO_URING_RESTRICTION,
            IO_URING_TASK_RESTRICTION,
            IO_URING_CLOCK_REGISTER,
            IO_URING_CLONE_BUFFERS,
            IO_URING_BUF,
            IO_URING_BUF_RING,
            IO_URING_BUF_REG,
            IO_URING_BUF_STATUS,
            IO_URING_NAPI,
            IO_URING_REG_WAIT,
            IO_URING_GETEVENTS_ARG,
            IO_URING_SYNC_CANCEL_REG,
            IO_URING_FILE_INDEX_RANGE,
            IO_URING_RECVMSG_OUT,
            IO_TIMESPEC,
            IO_URING_ZCRX_RQE,
            IO_URING_ZCRX_CQE,
            IO_URING_ZCRX_OFFSETS,
            IO_URING_ZCRX_AREA_REG,
            IO_URING_ZCRX_IFQ_REG,
            ZCRX_STATS,
            ZCRX_EVENT_DESC,
            ZCRX_CTRL_FLUSH_RQ,
            ZCRX_CTRL_EXPORT,
            ZCRX_CTRL_ARM_EVENT,
            ZCRX_CTRL,
            IO_URING_BPF_CTX,
            IO_URING_BPF_FILTER,
            IO_URING_BPF,
            IO_URING_MOCK_PROBE,
            IO_URING_MOCK_CREATE,
            IO_URING_QUERY_HDR,
            IO_URING_QUERY_OPCODE,
            IO_URING_QUERY_ZCRX,
            IO_URING_QUERY_ZCRX_EVENT,
            IO_URING_QUERY_SCQ);

    private static final Map<String, StructLayout> BY_NAME = byName();

    private static Map<String, StructLayout> byName() {
        Map<String, StructLayout> out = new LinkedHashMap<>();
        ALL.forEach(layout -> out.put(layout.name().orElseThrow(), layout));
        return out;
    }

    /** Whether a member of this struct (by its bare name, nested ones too) was declared signed (s32, s64). */
    public static boolean isSigned(String struct, String member) {
        return named(struct).map(layout -> isSigned(layout, member)).orElse(false);
    }

    /** Whether a member of this layout (by its bare name, nested ones too) was declared signed (s32, s64). */
    public static boolean isSigned(StructLayout layout, String member) {
        for (LayoutPaths.Field f : LayoutPaths.fields(layout)) { // a loop: SqeSlot's constants ask at start-up, interpreted
            if (f.name().equals(member) && SIGNED.contains(f.layout())) {
                return true;
            }
        }
        return false;
    }

    /** Every uapi struct layout, in header order: what the decode command offers and the tests check. */
    public static List<StructLayout> all() {
        return ALL;
    }

    /** A struct by its C name, with or without "struct " in front: {@code io_uring_buf_reg}. */
    public static Optional<StructLayout> named(String name) {
        String bare = name.trim();
        bare = bare.startsWith("struct ") ? bare.substring("struct ".length()).trim() : bare;
        return Optional.ofNullable(BY_NAME.get(bare));
    }
}
