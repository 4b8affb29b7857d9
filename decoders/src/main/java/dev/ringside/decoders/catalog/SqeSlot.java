package dev.ringside.decoders.catalog;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;

/**
 * The storage slots of an SQE, each named after the first uapi member of its bytes. Per-opcode
 * field names ({@code ts}, {@code count}, {@code timeout_flags}) are views of one slot.
 */
public enum SqeSlot {
    OPCODE("opcode"),
    FLAGS("flags"),
    IOPRIO("ioprio"),
    FD("fd"),
    OFF("off"),
    ADDR("addr"),
    LEN("len"),
    OP_FLAGS("rw_flags"),
    USER_DATA("user_data"),
    BUF_INDEX("buf_index"),
    PERSONALITY("personality"),
    FILE_INDEX("splice_fd_in"),
    ADDR3("addr3"),
    PAD2("__pad2"),
    /** The bytes of OFF when an opcode reads them as a second address or value. */
    ADDR2("addr2"),
    /** The low half of OFF: URING_CMD's command. */
    CMD_OP("cmd_op"),
    /** The two halves of ADDR that socket URING_CMDs read as getsockopt/setsockopt arguments. */
    LEVEL("level"),
    OPTNAME("optname"),
    /** LEN read as a signed int: RENAMEAT and LINKAT put the second dirfd there (AT_FDCWD is -100). */
    LEN_SIGNED("len", true),
    /** The bytes of FILE_INDEX read unsigned: file_index (IORING_FILE_INDEX_ALLOC is 0xffffffff), zcrx_ifq_idx, optlen. */
    FILE_INDEX_U32("file_index"),
    /** The low half of FILE_INDEX: SEND's destination address length. */
    ADDR_LEN("addr_len"),
    /** ADDR3 and PAD2 as the read/write attribute pointer and its type mask. */
    ATTR_PTR("attr_ptr"),
    ATTR_TYPE_MASK("attr_type_mask"),
    /** URING_CMD's command data: from offset 48 to the end of a 64-byte SQE. */
    CMD("cmd", UapiLayouts.IO_URING_SQE.byteSize()),
    /** URING_CMD128's command data: from offset 48 to the end of a 128-byte SQE. */
    CMD128("cmd", 2 * UapiLayouts.IO_URING_SQE.byteSize());

    private final String uapiName;
    private final boolean signed;
    private final long offset;
    private final long size;

    /** A slot as the layout declares it, signed where the layout says (fd, splice_fd_in). */
    SqeSlot(String uapiName) {
        this(uapiName, UapiLayouts.isSigned(UapiLayouts.IO_URING_SQE, uapiName));
    }

    /** A slot read with a signedness its C member does not have (LEN_SIGNED). */
    SqeSlot(String uapiName, boolean signed) {
        LayoutPaths.Field field = LayoutPaths.field(UapiLayouts.IO_URING_SQE, uapiName);
        this.uapiName = uapiName;
        this.signed = signed;
        this.offset = field.offset();
        this.size = field.size();
    }

    /** A trailing byte array (cmd[0]) that runs to the end of an SQE of {@code sqeBytes}. */
    SqeSlot(String uapiName, long sqeBytes) {
        LayoutPaths.Field field = LayoutPaths.field(UapiLayouts.IO_URING_SQE, uapiName);
        this.uapiName = uapiName;
        this.signed = false;
        this.offset = field.offset();
        this.size = sqeBytes - field.offset();
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
