package dev.ringside.decoders.flags;

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
}
