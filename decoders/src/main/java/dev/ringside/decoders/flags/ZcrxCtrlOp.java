package dev.ringside.decoders.flags;

/** zcrx_ctrl.op of IORING_REGISTER_ZCRX_CTRL: ZCRX_CTRL_*, which member of its union applies. */
public enum ZcrxCtrlOp implements FlagBit {
    FLUSH_RQ(0),
    EXPORT(1),
    ARM_EVENT(2);

    private final long value;

    ZcrxCtrlOp(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
