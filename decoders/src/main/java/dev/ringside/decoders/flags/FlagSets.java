package dev.ringside.decoders.flags;

import dev.ringside.decoders.register.RegisterOpcode;
import dev.ringside.decoders.register.RegisterOpcodes;

import java.util.List;
import java.util.Optional;

/**
 * The flag sets of the uapi, one row per member: its value, its name and the kernel release that
 * introduced it ("" where not known for sure). Adding a flag bit is one row here plus its
 * constants.tsv fact; code that names a member uses a {@link FlagRef} enum.
 */
public final class FlagSets {
    private FlagSets() {
    }

    /** io_uring_params.flags: IORING_SETUP_*, chosen at io_uring_setup. */
    public static final FlagSet SETUP = FlagSet.bits("setup flag", "IORING_SETUP_")
            .bit(0, "IOPOLL", "5.1")
            .bit(1, "SQPOLL", "5.1")
            .bit(2, "SQ_AFF", "5.1")
            .bit(3, "CQSIZE", "5.5")
            .bit(4, "CLAMP", "5.6")
            .bit(5, "ATTACH_WQ", "5.6")
            .bit(6, "R_DISABLED", "5.10")
            .bit(7, "SUBMIT_ALL", "5.18")
            .bit(8, "COOP_TASKRUN", "5.19")
            .bit(9, "TASKRUN_FLAG", "5.19")
            .bit(10, "SQE128", "5.19")
            .bit(11, "CQE32", "5.19")
            .bit(12, "SINGLE_ISSUER", "6.0")
            .bit(13, "DEFER_TASKRUN", "6.1")
            .bit(14, "NO_MMAP", "6.5")
            .bit(15, "REGISTERED_FD_ONLY", "6.5")
            .bit(16, "NO_SQARRAY", "6.6")
            .bit(17, "HYBRID_IOPOLL", "6.13")
            .bit(18, "CQE_MIXED", "6.18")
            .bit(19, "SQE_MIXED")
            .bit(20, "SQ_REWIND", "7.0")
            .build();

    /** io_uring_params.features: IORING_FEAT_*, what the kernel reports it supports. */
    public static final FlagSet FEATURES = FlagSet.bits("feature", "IORING_FEAT_")
            .bit(0, "SINGLE_MMAP", "5.4")
            .bit(1, "NODROP", "5.5")
            .bit(2, "SUBMIT_STABLE", "5.5")
            .bit(3, "RW_CUR_POS", "5.6")
            .bit(4, "CUR_PERSONALITY", "5.6")
            .bit(5, "FAST_POLL", "5.7")
            .bit(6, "POLL_32BITS", "5.9")
            .bit(7, "SQPOLL_NONFIXED", "5.11")
            .bit(8, "EXT_ARG", "5.11")
            .bit(9, "NATIVE_WORKERS", "5.12")
            .bit(10, "RSRC_TAGS", "5.13")
            .bit(11, "CQE_SKIP", "5.17")
            .bit(12, "LINKED_FILE", "5.17")
            .bit(13, "REG_REG_RING", "6.3")
            .bit(14, "RECVSEND_BUNDLE")
            .bit(15, "MIN_TIMEOUT")
            .bit(16, "RW_ATTR")
            .bit(17, "NO_IOWAIT")
            .build();

    /** io_uring_sqe.flags: IOSQE_*, per-request behaviour common to every opcode. */
    public static final FlagSet SQE = FlagSet.bits("sqe flag", "IOSQE_")
            .bit(0, "FIXED_FILE", "5.1")
            .bit(1, "IO_DRAIN", "5.2")
            .bit(2, "IO_LINK", "5.3")
            .bit(3, "IO_HARDLINK", "5.5")
            .bit(4, "ASYNC", "5.6")
            .bit(5, "BUFFER_SELECT", "5.7")
            .bit(6, "CQE_SKIP_SUCCESS", "5.17")
            .build();

    /** io_uring_cqe.flags: IORING_CQE_F_*; with BUFFER set, the upper 16 bits hold the buffer id. */
    public static final FlagSet CQE = FlagSet.bits("cqe flag", "IORING_CQE_F_")
            .bit(0, "BUFFER")
            .bit(1, "MORE")
            .bit(2, "SOCK_NONEMPTY")
            .bit(3, "NOTIF")
            .bit(4, "BUF_MORE")
            .bit(5, "SKIP")
            .bit(15, "F_32").spelled("IORING_CQE_F_32")
            .bit(16, "TSTAMP_HW")
            .build();

    /** io_uring_enter flags: IORING_ENTER_*. */
    public static final FlagSet ENTER = FlagSet.bits("enter flag", "IORING_ENTER_")
            .bit(0, "GETEVENTS")
            .bit(1, "SQ_WAKEUP")
            .bit(2, "SQ_WAIT")
            .bit(3, "EXT_ARG")
            .bit(4, "REGISTERED_RING")
            .bit(5, "ABS_TIMER", "6.12")
            .bit(6, "EXT_ARG_REG", "6.13")
            .bit(7, "NO_IOWAIT", "6.15")
            .build();

    /** The SQ ring's flags word, written by the kernel: IORING_SQ_*. */
    public static final FlagSet SQ_RING = FlagSet.bits("sq ring flag", "IORING_SQ_")
            .bit(0, "NEED_WAKEUP")
            .bit(1, "CQ_OVERFLOW")
            .bit(2, "TASKRUN")
            .build();

    /** The CQ ring's flags word, written by the application: IORING_CQ_*. */
    public static final FlagSet CQ_RING = FlagSet.bits("cq ring flag", "IORING_CQ_")
            .bit(0, "EVENTFD_DISABLED")
            .build();

    /** sqe->timeout_flags of TIMEOUT, TIMEOUT_REMOVE and LINK_TIMEOUT: IORING_TIMEOUT_* (and IORING_LINK_TIMEOUT_UPDATE). */
    public static final FlagSet TIMEOUT = FlagSet.bits("timeout flag", "IORING_TIMEOUT_")
            .bit(0, "ABS", "5.4")
            .bit(1, "UPDATE", "5.11")
            .bit(2, "BOOTTIME", "5.15")
            .bit(3, "REALTIME", "5.15")
            .bit(4, "LINK_TIMEOUT_UPDATE", "5.15").spelled("IORING_LINK_TIMEOUT_UPDATE")
            .bit(5, "ETIME_SUCCESS", "5.16")
            .bit(6, "MULTISHOT", "6.4")
            .bit(7, "IMMEDIATE_ARG", Flag.AFTER_6_18)
            .build();

    /** sqe->nop_flags of NOP: IORING_NOP_*. */
    public static final FlagSet NOP = FlagSet.bits("nop flag", "IORING_NOP_")
            .bit(0, "INJECT_RESULT")
            .bit(1, "FILE")
            .bit(2, "FIXED_FILE")
            .bit(3, "FIXED_BUFFER")
            .bit(4, "TW")
            .bit(5, "CQE32")
            .build();

    // per-opcode flags of the SQE
    /** sqe->len of POLL_ADD and POLL_REMOVE: IORING_POLL_* (the events themselves go in poll32_events). */
    public static final FlagSet POLL = FlagSet.bits("poll flag", "IORING_POLL_")
            .bit(0, "ADD_MULTI", "5.13")
            .bit(1, "UPDATE_EVENTS", "5.13")
            .bit(2, "UPDATE_USER_DATA", "5.13")
            .bit(3, "ADD_LEVEL")
            .build();

    /** sqe->cancel_flags of ASYNC_CANCEL and io_uring_sync_cancel_reg.flags: IORING_ASYNC_CANCEL_*, what a cancel matches on. */
    public static final FlagSet ASYNC_CANCEL = FlagSet.bits("cancel flag", "IORING_ASYNC_CANCEL_")
            .bit(0, "ALL", "5.19")
            .bit(1, "FD", "5.19")
            .bit(2, "ANY", "5.19")
            .bit(3, "FD_FIXED")
            .bit(4, "USERDATA")
            .bit(5, "OP")
            .build();

    /** sqe->ioprio of SEND, RECV, SENDMSG, RECVMSG, SEND_ZC and SENDMSG_ZC: IORING_RECVSEND_* and the per-direction bits beside them. */
    public static final FlagSet RECVSEND = FlagSet.bits("send/recv flag", "IORING_RECVSEND_")
            .bit(0, "POLL_FIRST", "5.19")
            .bit(1, "RECV_MULTISHOT", "6.0").spelled("IORING_RECV_MULTISHOT")
            .bit(2, "FIXED_BUF", "6.0")
            .bit(3, "SEND_ZC_REPORT_USAGE").spelled("IORING_SEND_ZC_REPORT_USAGE")
            .bit(4, "BUNDLE")
            .bit(5, "SEND_VECTORIZED").spelled("IORING_SEND_VECTORIZED")
            .build();

    /** res of a zero-copy send notification CQE (with SEND_ZC_REPORT_USAGE): IORING_NOTIF_USAGE_*. */
    public static final FlagSet NOTIF_USAGE = FlagSet.bits("notification usage flag", "IORING_NOTIF_USAGE_")
            .bit(31, "ZC_COPIED")
            .build();

    /** sqe->ioprio of ACCEPT: IORING_ACCEPT_*. */
    public static final FlagSet ACCEPT = FlagSet.bits("accept flag", "IORING_ACCEPT_")
            .bit(0, "MULTISHOT", "5.19")
            .bit(1, "DONTWAIT")
            .bit(2, "POLL_FIRST")
            .build();

    /** sqe->addr of MSG_RING: IORING_MSG_*, what is sent to the other ring. */
    public static final FlagSet MSG_RING_COMMAND = FlagSet.values("msg_ring command", "IORING_MSG_")
            .value(0, "DATA")
            .value(1, "SEND_FD")
            .build();

    /** sqe->msg_ring_flags of MSG_RING: IORING_MSG_RING_*. */
    public static final FlagSet MSG_RING = FlagSet.bits("msg_ring flag", "IORING_MSG_RING_")
            .bit(0, "CQE_SKIP")
            .bit(1, "FLAGS_PASS")
            .build();

    /** sqe->fsync_flags of FSYNC: IORING_FSYNC_*. */
    public static final FlagSet FSYNC = FlagSet.bits("fsync flag", "IORING_FSYNC_")
            .bit(0, "DATASYNC", "5.1")
            .build();

    /** sqe->splice_flags of SPLICE and TEE: the io_uring bit among the splice(2) SPLICE_F_* flags. */
    public static final FlagSet SPLICE = FlagSet.bits("splice flag", "SPLICE_F_")
            .bit(31, "FD_IN_FIXED")
            .build();

    /** sqe->install_fd_flags of FIXED_FD_INSTALL: IORING_FIXED_FD_*. */
    public static final FlagSet FIXED_FD_INSTALL = FlagSet.bits("fixed fd install flag", "IORING_FIXED_FD_")
            .bit(0, "NO_CLOEXEC")
            .build();

    /** sqe->uring_cmd_flags of URING_CMD: IORING_URING_CMD_*. */
    public static final FlagSet URING_CMD = FlagSet.bits("uring_cmd flag", "IORING_URING_CMD_")
            .bit(0, "FIXED")
            .bit(1, "MULTISHOT")
            .build();

    /** sqe->cmd_op of URING_CMD on a socket: SOCKET_URING_OP_*. */
    public static final FlagSet SOCKET_URING_OP = FlagSet.values("socket command", "SOCKET_URING_OP_")
            .value(0, "SIOCINQ")
            .value(1, "SIOCOUTQ")
            .value(2, "GETSOCKOPT")
            .value(3, "SETSOCKOPT")
            .value(4, "TX_TIMESTAMP")
            .value(5, "GETSOCKNAME")
            .build();

    /** sqe->attr_type_mask of READ/WRITE with attributes: IORING_RW_ATTR_FLAG_*, which structs attr_ptr points to. */
    public static final FlagSet RW_ATTR = FlagSet.bits("rw attribute", "IORING_RW_ATTR_FLAG_")
            .bit(0, "PI")
            .build();

    // flags of the system calls io_uring passes through: not in the io_uring header, so their facts
    // are this machine's C headers (SystemHeaderFlagsTest checks each against them)
    /** sqe->poll32_events of POLL_ADD and POLL_REMOVE: the POLL* bits of asm-generic/poll.h, and EPOLLEXCLUSIVE. */
    public static final FlagSet POLL_EVENT = FlagSet.bits("poll event", "POLL")
            .value(0x0001, "IN")
            .value(0x0002, "PRI")
            .value(0x0004, "OUT")
            .value(0x0008, "ERR")
            .value(0x0010, "HUP")
            .value(0x0020, "NVAL")
            .value(0x0040, "RDNORM")
            .value(0x0080, "RDBAND")
            .value(0x0100, "WRNORM")
            .value(0x0200, "WRBAND")
            .value(0x0400, "MSG")
            .value(0x2000, "RDHUP")
            // linux/eventpoll.h: the kernel passes it through to wake only one of several exclusive waiters.
            .bit(28, "EXCLUSIVE").spelled("EPOLLEXCLUSIVE")
            .build();

    /** sqe->rw_flags of READ, WRITE, their V and FIXED forms and READ_MULTISHOT: RWF_* as for preadv2/pwritev2
     *  (/usr/include/linux/fs.h; NOAPPEND from glibc's bits/uio-ext.h). */
    public static final FlagSet RW = FlagSet.bits("rw flag", "RWF_")
            .bit(0, "HIPRI")
            .bit(1, "DSYNC")
            .bit(2, "SYNC")
            .bit(3, "NOWAIT")
            .bit(4, "APPEND")
            .bit(5, "NOAPPEND")
            .build();

    /** sqe->accept_flags of ACCEPT: the SOCK_* flags of accept4(2) (/usr/include/x86_64-linux-gnu/bits/socket_type.h, octal there). */
    public static final FlagSet ACCEPT4 = FlagSet.bits("accept4 flag", "SOCK_")
            .value(04000, "NONBLOCK")
            .value(02000000, "CLOEXEC")
            .build();

    /** The sets above whose facts are system headers, not constants.tsv. */
    public static final List<FlagSet> FROM_SYSTEM_HEADERS = List.of(POLL_EVENT, RW, ACCEPT4);

    // io_uring_register and the structs it takes
    /** The opcode argument of io_uring_register(2): IORING_REGISTER_* and IORING_UNREGISTER_*, in number order. */
    public static final FlagSet REGISTER_OP = registerOpcodes();

    /** The register opcodes as a flag set, from their one declaration in the register catalogue. */
    private static FlagSet registerOpcodes() {
        FlagSet.Builder set = FlagSet.values("register opcode", "IORING_REGISTER_");
        for (RegisterOpcode op : RegisterOpcodes.ALL) {
            set.value(op.number(), op.name(), op.since());
            if (!op.cName().equals("IORING_REGISTER_" + op.name())) {
                set.spelled(op.cName());
            }
        }
        return set.build();
    }

    /** Bits OR-ed into the opcode argument of io_uring_register: IORING_REGISTER_USE_REGISTERED_RING. */
    public static final FlagSet REGISTER_OP_FLAGS = FlagSet.bits("register opcode flag", "IORING_REGISTER_")
            .bit(31, "USE_REGISTERED_RING")
            .build();

    /** io_uring_probe_op.flags of IORING_REGISTER_PROBE: IO_URING_OP_*. */
    public static final FlagSet PROBE_OP = FlagSet.bits("probe op flag", "IO_URING_OP_")
            .bit(0, "SUPPORTED")
            .build();

    /** io_uring_clone_buffers.flags of IORING_REGISTER_CLONE_BUFFERS: IORING_REGISTER_SRC_REGISTERED, IORING_REGISTER_DST_REPLACE. */
    public static final FlagSet CLONE_BUFFERS = FlagSet.bits("clone buffers flag", "IORING_REGISTER_")
            .bit(0, "SRC_REGISTERED")
            .bit(1, "DST_REPLACE")
            .build();

    /** io_uring_restriction.opcode: IORING_RESTRICTION_*, which member of its union applies. */
    public static final FlagSet RESTRICTION_OP = FlagSet.values("restriction", "IORING_RESTRICTION_")
            .value(0, "REGISTER_OP")
            .value(1, "SQE_OP")
            .value(2, "SQE_FLAGS_ALLOWED")
            .value(3, "SQE_FLAGS_REQUIRED")
            .build();

    /** io_uring_buf_reg.flags of IORING_REGISTER_PBUF_RING: IOU_PBUF_RING_*. */
    public static final FlagSet PBUF_RING = FlagSet.bits("buffer ring flag", "IOU_PBUF_RING_")
            .bit(0, "MMAP")
            .bit(1, "INC")
            .build();

    /** io_uring_rsrc_register.flags of IORING_REGISTER_FILES2 and BUFFERS2: IORING_RSRC_REGISTER_*. */
    public static final FlagSet RSRC_REGISTER = FlagSet.bits("resource register flag", "IORING_RSRC_REGISTER_")
            .bit(0, "SPARSE")
            .build();

    /** io_uring_region_desc.flags: IORING_MEM_REGION_TYPE_*, where the region memory comes from. */
    public static final FlagSet MEM_REGION_TYPE = FlagSet.bits("memory region type", "IORING_MEM_REGION_TYPE_")
            .bit(0, "USER")
            .build();

    /** io_uring_mem_region_reg.flags of IORING_REGISTER_MEM_REGION: IORING_MEM_REGION_REG_*, what the region is for. */
    public static final FlagSet MEM_REGION_REG = FlagSet.bits("memory region flag", "IORING_MEM_REGION_REG_")
            .bit(0, "WAIT_ARG")
            .build();

    /** io_uring_reg_wait.flags: IORING_REG_WAIT_*. */
    public static final FlagSet REG_WAIT = FlagSet.bits("registered wait flag", "IORING_REG_WAIT_")
            .bit(0, "TS")
            .build();

    /** The io-wq worker kinds, the indexes of the IORING_REGISTER_IOWQ_MAX_WORKERS array: IO_WQ_*. */
    public static final FlagSet IO_WQ = FlagSet.values("io-wq worker kind", "IO_WQ_")
            .value(0, "BOUND")
            .value(1, "UNBOUND")
            .build();

    // zero-copy receive
    /** io_uring_zcrx_ifq_reg.flags of IORING_REGISTER_ZCRX_IFQ: ZCRX_REG_*. */
    public static final FlagSet ZCRX_REG = FlagSet.bits("zcrx register flag", "ZCRX_REG_")
            .bit(0, "IMPORT")
            .bit(1, "NODEV")
            .build();

    /** io_uring_zcrx_area_reg.flags: IORING_ZCRX_AREA_* (the SHIFT and MASK of the same prefix are in UapiConstants). */
    public static final FlagSet ZCRX_AREA = FlagSet.bits("zcrx area flag", "IORING_ZCRX_AREA_")
            .bit(0, "DMABUF")
            .build();

    /** zcrx feature bits: ZCRX_FEATURE_*, what the running kernel's zcrx supports. */
    public static final FlagSet ZCRX_FEATURES = FlagSet.bits("zcrx feature", "ZCRX_FEATURE_")
            .bit(0, "RX_PAGE_SIZE")
            .bit(1, "EVENT")
            .build();

    /** zcrx_ctrl.op of IORING_REGISTER_ZCRX_CTRL: ZCRX_CTRL_*, which member of its union applies. */
    public static final FlagSet ZCRX_CTRL_OP = FlagSet.values("zcrx control op", "ZCRX_CTRL_")
            .value(0, "FLUSH_RQ")
            .value(1, "EXPORT")
            .value(2, "ARM_EVENT")
            .build();

    /** zcrx_ctrl_arm_event.event_type and the bits of zcrx_event_desc.type_mask (7.2): ZCRX_EVENT_*. */
    public static final FlagSet ZCRX_EVENT_TYPE = FlagSet.values("zcrx event", "ZCRX_EVENT_")
            .value(0, "ALLOC_FAIL")
            .value(1, "COPY")
            .build();

    /** zcrx_event_desc.flags (7.2): ZCRX_EVENT_DESC_FLAG_*. */
    public static final FlagSet ZCRX_EVENT_DESC = FlagSet.bits("zcrx event desc flag", "ZCRX_EVENT_DESC_FLAG_")
            .bit(0, "STATS")
            .build();

    // NAPI, BPF filters, queries and the mock file (io_uring/{bpf_filter,query,mock_file}.h)
    /** io_uring_napi.opcode of IORING_REGISTER_NAPI (6.15): IO_URING_NAPI_*_OP and *_ID, what op_param means. */
    public static final FlagSet NAPI_OP = FlagSet.values("napi op", "IO_URING_NAPI_")
            .value(0, "REGISTER_OP")
            .value(1, "STATIC_ADD_ID")
            .value(2, "STATIC_DEL_ID")
            .build();

    /** io_uring_napi.op_param with IO_URING_NAPI_REGISTER_OP: IO_URING_NAPI_TRACKING_*, how NAPI ids are tracked. */
    public static final FlagSet NAPI_TRACKING = FlagSet.values("napi tracking", "IO_URING_NAPI_TRACKING_")
            .value(0, "DYNAMIC")
            .value(1, "STATIC")
            .value(255, "INACTIVE")
            .build();

    /** io_uring_bpf_filter.flags of IORING_REGISTER_BPF_FILTER: IO_URING_BPF_FILTER_*. */
    public static final FlagSet BPF_FILTER = FlagSet.bits("bpf filter flag", "IO_URING_BPF_FILTER_")
            .bit(0, "DENY_REST")
            .bit(1, "SZ_STRICT")
            .build();

    /** io_uring_bpf.cmd_type of IORING_REGISTER_BPF_FILTER: IO_URING_BPF_CMD_*. */
    public static final FlagSet BPF_CMD = FlagSet.values("bpf command", "IO_URING_BPF_CMD_")
            .value(1, "FILTER")
            .build();

    /** io_uring_query_hdr.query_op of IORING_REGISTER_QUERY (6.18): IO_URING_QUERY_*, which answer struct query_data points to. */
    public static final FlagSet QUERY_OP = FlagSet.values("query op", "IO_URING_QUERY_")
            .value(0, "OPCODES")
            .value(1, "ZCRX")
            .value(2, "SCQ")
            .value(3, "ZCRX_EVENT")
            .build();

    /** io_uring/mock_file.h: IORING_MOCK_FEAT_*, the features a mock file may have, numbered (the probe reports up to which). */
    public static final FlagSet MOCK_FEATURE = FlagSet.values("mock feature", "IORING_MOCK_FEAT_")
            .value(0, "CMD_COPY")
            .value(1, "RW_ZERO")
            .value(2, "RW_NOWAIT")
            .value(3, "RW_ASYNC")
            .value(4, "POLL")
            .build();

    /** io_uring_mock_create.flags: IORING_MOCK_CREATE_F_*. */
    public static final FlagSet MOCK_CREATE = FlagSet.bits("mock create flag", "IORING_MOCK_CREATE_F_")
            .bit(0, "SUPPORT_NOWAIT")
            .bit(1, "POLL")
            .build();

    /** The mock manager's uring_cmd commands: IORING_MOCK_MGR_CMD_*. */
    public static final FlagSet MOCK_MGR_CMD = FlagSet.values("mock manager command", "IORING_MOCK_MGR_CMD_")
            .value(0, "PROBE")
            .value(1, "CREATE")
            .build();

    /** A mock file's uring_cmd commands: IORING_MOCK_CMD_*. */
    public static final FlagSet MOCK_CMD = FlagSet.values("mock command", "IORING_MOCK_CMD_")
            .value(0, "COPY_REGBUF")
            .build();

    /** IORING_MOCK_CMD_COPY_REGBUF's direction flag: IORING_MOCK_COPY_*. */
    public static final FlagSet MOCK_COPY = FlagSet.bits("mock copy flag", "IORING_MOCK_COPY_")
            .bit(0, "FROM")
            .build();

    /**
     * Every set above, in declaration order. Listed, not read from the fields by reflection: that spun an accessor per
     * field at start-up; FlagSetsListedTest checks the list against the declared fields.
     */
    private static final List<FlagSet> ALL = List.of(
            SETUP, FEATURES, SQE, CQE, ENTER, SQ_RING, CQ_RING, TIMEOUT, NOP, POLL, ASYNC_CANCEL, RECVSEND,
            NOTIF_USAGE, ACCEPT, MSG_RING_COMMAND, MSG_RING, FSYNC, SPLICE, FIXED_FD_INSTALL, URING_CMD,
            SOCKET_URING_OP, RW_ATTR, POLL_EVENT, RW, ACCEPT4, REGISTER_OP, REGISTER_OP_FLAGS, PROBE_OP,
            CLONE_BUFFERS, RESTRICTION_OP, PBUF_RING, RSRC_REGISTER, MEM_REGION_TYPE, MEM_REGION_REG, REG_WAIT,
            IO_WQ, ZCRX_REG, ZCRX_AREA, ZCRX_FEATURES, ZCRX_CTRL_OP, ZCRX_EVENT_TYPE, ZCRX_EVENT_DESC, NAPI_OP,
            NAPI_TRACKING, BPF_FILTER, BPF_CMD, QUERY_OP, MOCK_FEATURE, MOCK_CREATE, MOCK_MGR_CMD, MOCK_CMD,
            MOCK_COPY);

    /** Every built-in flag set, for help, completion and the tests against constants.tsv. */
    public static List<FlagSet> all() {
        return ALL;
    }

    /** A set by the name it goes by in help and errors ("timeout flag"). */
    public static Optional<FlagSet> named(String name) {
        return ALL.stream().filter(set -> set.name().equals(name)).findFirst();
    }
}
