package dev.ringside.decoders.flags;

/** res of a zero-copy send notification CQE (with SEND_ZC_REPORT_USAGE): IORING_NOTIF_USAGE_*. */
public enum NotifFlag implements FlagBit {
    ZC_COPIED(1L << 31);

    private final long value;

    NotifFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
