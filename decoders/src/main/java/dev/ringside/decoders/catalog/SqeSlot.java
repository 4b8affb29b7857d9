package dev.ringside.decoders.catalog;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;

/**
 * The storage slots of an SQE, each named after the first uapi member of its bytes. Per-opcode
 * field names ({@code ts}, {@code count}, {@code timeout_flags}) are views of one slot.
 */
public enum SqeSlot {
    OPCODE("opcode", false),
    FLAGS("flags", false),
    IOPRIO("ioprio", false),
    FD("fd", true),
    OFF("off", false),
    ADDR("addr", false),
    LEN("len", false),
    OP_FLAGS("rw_flags", false),
    USER_DATA("user_data", false),
    BUF_INDEX("buf_index", false),
    PERSONALITY("personality", false),
    FILE_INDEX("splice_fd_in", true),
    ADDR3("addr3", false),
    PAD2("__pad2", false);

    private final String uapiName;
    private final boolean signed;
    private final long offset;
    private final long size;

    SqeSlot(String uapiName, boolean signed) {
        LayoutPaths.Field field = LayoutPaths.field(UapiLayouts.IO_URING_SQE, uapiName);
        this.uapiName = uapiName;
        this.signed = signed;
        this.offset = field.offset();
        this.size = field.size();
    }

    public String uapiName() {
        return uapiName;
    }

    public boolean signed() {
        return signed;
    }

    public long offset() {
        return offset;
    }

    public long size() {
        return size;
    }
}
