package dev.ringside.decoders.flags;

import java.util.List;
import java.util.Optional;

/** The flag sets of the uapi, each built from its enum declaration. */
public final class FlagSets {
    private FlagSets() {
    }

    public static final FlagSet SETUP = FlagSet.bits("setup flag", "IORING_SETUP_", SetupFlag.values());
    public static final FlagSet FEATURES = FlagSet.bits("feature", "IORING_FEAT_", FeatureFlag.values());
    public static final FlagSet SQE = FlagSet.bits("sqe flag", "IOSQE_", SqeFlag.values());
    public static final FlagSet CQE = FlagSet.bits("cqe flag", "IORING_CQE_F_", CqeFlag.values());
    public static final FlagSet ENTER = FlagSet.bits("enter flag", "IORING_ENTER_", EnterFlag.values());
    public static final FlagSet SQ_RING = FlagSet.bits("sq ring flag", "IORING_SQ_", SqRingFlag.values());
    public static final FlagSet CQ_RING = FlagSet.bits("cq ring flag", "IORING_CQ_", CqRingFlag.values());
    public static final FlagSet TIMEOUT = FlagSet.bits("timeout flag", "IORING_TIMEOUT_", TimeoutFlag.values());
    public static final FlagSet NOP = FlagSet.bits("nop flag", "IORING_NOP_", NopFlag.values());

    // per-opcode flags of the SQE
    public static final FlagSet POLL = FlagSet.bits("poll flag", "IORING_POLL_", PollFlag.values());
    public static final FlagSet ASYNC_CANCEL = FlagSet.bits("cancel flag", "IORING_ASYNC_CANCEL_", AsyncCancelFlag.values());
    public static final FlagSet RECVSEND = FlagSet.bits("send/recv flag", "IORING_RECVSEND_", RecvSendFlag.values());
    public static final FlagSet NOTIF_USAGE = FlagSet.bits("notification usage flag", "IORING_NOTIF_USAGE_", NotifFlag.values());
    public static final FlagSet ACCEPT = FlagSet.bits("accept flag", "IORING_ACCEPT_", AcceptFlag.values());
    public static final FlagSet MSG_RING_COMMAND = FlagSet.values("msg_ring command", "IORING_MSG_", MsgRingCommand.values());
    public static final FlagSet MSG_RING = FlagSet.bits("msg_ring flag", "IORING_MSG_RING_", MsgRingFlag.values());
    public static final FlagSet FSYNC = FlagSet.bits("fsync flag", "IORING_FSYNC_", FsyncFlag.values());
    public static final FlagSet SPLICE = FlagSet.bits("splice flag", "SPLICE_F_", SpliceFlag.values());
    public static final FlagSet FIXED_FD_INSTALL = FlagSet.bits("fixed fd install flag", "IORING_FIXED_FD_", FixedFdFlag.values());
    public static final FlagSet URING_CMD = FlagSet.bits("uring_cmd flag", "IORING_URING_CMD_", UringCmdFlag.values());
    public static final FlagSet SOCKET_URING_OP = FlagSet.values("socket command", "SOCKET_URING_OP_", SocketUringOp.values());
    public static final FlagSet RW_ATTR = FlagSet.bits("rw attribute", "IORING_RW_ATTR_FLAG_", RwAttrFlag.values());

    // io_uring_register and the structs it takes
    public static final FlagSet REGISTER_OP = FlagSet.values("register opcode", "IORING_REGISTER_", RegisterOp.values());
    public static final FlagSet REGISTER_OP_FLAGS = FlagSet.bits("register opcode flag", "IORING_REGISTER_", RegisterOpFlag.values());
    public static final FlagSet PROBE_OP = FlagSet.bits("probe op flag", "IO_URING_OP_", ProbeOpFlag.values());
    public static final FlagSet CLONE_BUFFERS = FlagSet.bits("clone buffers flag", "IORING_REGISTER_", CloneBuffersFlag.values());
    public static final FlagSet RESTRICTION_OP = FlagSet.values("restriction", "IORING_RESTRICTION_", RestrictionOp.values());
    public static final FlagSet PBUF_RING = FlagSet.bits("buffer ring flag", "IOU_PBUF_RING_", PbufRingFlag.values());
    public static final FlagSet RSRC_REGISTER = FlagSet.bits("resource register flag", "IORING_RSRC_REGISTER_", RsrcRegisterFlag.values());
    public static final FlagSet MEM_REGION_TYPE = FlagSet.bits("memory region type", "IORING_MEM_REGION_TYPE_", MemRegionType.values());
    public static final FlagSet MEM_REGION_REG = FlagSet.bits("memory region flag", "IORING_MEM_REGION_REG_", MemRegionRegFlag.values());
    public static final FlagSet REG_WAIT = FlagSet.bits("registered wait flag", "IORING_REG_WAIT_", RegWaitFlag.values());
    public static final FlagSet IO_WQ = FlagSet.values("io-wq worker kind", "IO_WQ_", IoWqCategory.values());

    // zero-copy receive
    public static final FlagSet ZCRX_REG = FlagSet.bits("zcrx register flag", "ZCRX_REG_", ZcrxRegFlag.values());
    public static final FlagSet ZCRX_AREA = FlagSet.bits("zcrx area flag", "IORING_ZCRX_AREA_", ZcrxAreaFlag.values());
    public static final FlagSet ZCRX_FEATURES = FlagSet.bits("zcrx feature", "ZCRX_FEATURE_", ZcrxFeature.values());
    public static final FlagSet ZCRX_CTRL_OP = FlagSet.values("zcrx control op", "ZCRX_CTRL_", ZcrxCtrlOp.values());
    public static final FlagSet ZCRX_EVENT_TYPE = FlagSet.values("zcrx event", "ZCRX_EVENT_", ZcrxEventType.values());
    public static final FlagSet ZCRX_EVENT_DESC = FlagSet.bits("zcrx event desc flag", "ZCRX_EVENT_DESC_FLAG_", ZcrxEventDescFlag.values());

    // NAPI, BPF filters, queries and the mock file (io_uring/{bpf_filter,query,mock_file}.h)
    public static final FlagSet NAPI_OP = FlagSet.values("napi op", "IO_URING_NAPI_", NapiOp.values());
    public static final FlagSet NAPI_TRACKING = FlagSet.values("napi tracking", "IO_URING_NAPI_TRACKING_", NapiTracking.values());
    public static final FlagSet BPF_FILTER = FlagSet.bits("bpf filter flag", "IO_URING_BPF_FILTER_", BpfFilterFlag.values());
    public static final FlagSet BPF_CMD = FlagSet.values("bpf command", "IO_URING_BPF_CMD_", BpfCmd.values());
    public static final FlagSet QUERY_OP = FlagSet.values("query op", "IO_URING_QUERY_", QueryOp.values());
    public static final FlagSet MOCK_FEATURE = FlagSet.values("mock feature", "IORING_MOCK_FEAT_", MockFeature.values());
    public static final FlagSet MOCK_CREATE = FlagSet.bits("mock create flag", "IORING_MOCK_CREATE_F_", MockCreateFlag.values());
    public static final FlagSet MOCK_MGR_CMD = FlagSet.values("mock manager command", "IORING_MOCK_MGR_CMD_", MockMgrCmd.values());
    public static final FlagSet MOCK_CMD = FlagSet.values("mock command", "IORING_MOCK_CMD_", MockCmd.values());
    public static final FlagSet MOCK_COPY = FlagSet.bits("mock copy flag", "IORING_MOCK_COPY_", MockCopyFlag.values());

    private static final List<FlagSet> ALL = List.of(
            SETUP, FEATURES, SQE, CQE, ENTER, SQ_RING, CQ_RING, TIMEOUT, NOP,
            POLL, ASYNC_CANCEL, RECVSEND, NOTIF_USAGE, ACCEPT, MSG_RING_COMMAND, MSG_RING, FSYNC, SPLICE,
            FIXED_FD_INSTALL, URING_CMD, SOCKET_URING_OP, RW_ATTR,
            REGISTER_OP, REGISTER_OP_FLAGS, PROBE_OP, CLONE_BUFFERS, RESTRICTION_OP, PBUF_RING, RSRC_REGISTER,
            MEM_REGION_TYPE, MEM_REGION_REG, REG_WAIT, IO_WQ,
            ZCRX_REG, ZCRX_AREA, ZCRX_FEATURES, ZCRX_CTRL_OP, ZCRX_EVENT_TYPE, ZCRX_EVENT_DESC,
            NAPI_OP, NAPI_TRACKING, BPF_FILTER, BPF_CMD, QUERY_OP,
            MOCK_FEATURE, MOCK_CREATE, MOCK_MGR_CMD, MOCK_CMD, MOCK_COPY);

    /** Every built-in flag set, for help, completion and the tests against constants.tsv. */
    public static List<FlagSet> all() {
        return ALL;
    }

    /** A set by the name it goes by in help and errors ("timeout flag"). */
    public static Optional<FlagSet> named(String name) {
        return ALL.stream().filter(set -> set.name().equals(name)).findFirst();
    }
}
