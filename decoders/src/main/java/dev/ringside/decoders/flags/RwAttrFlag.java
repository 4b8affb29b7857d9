package dev.ringside.decoders.flags;

/** sqe->attr_type_mask of READ/WRITE with attributes: IORING_RW_ATTR_FLAG_*, which structs attr_ptr points to. */
public enum RwAttrFlag implements FlagBit {
    PI(1L << 0);

    private final long value;

    RwAttrFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
