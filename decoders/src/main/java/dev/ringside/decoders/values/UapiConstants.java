package dev.ringside.decoders.values;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The uapi constants that are neither a flag bit nor an enumerated value: masks, shifts, mmap
 * offsets, sentinels and the *_LAST bounds. Each Java name is the C name, so {@link #all()} lists
 * them by that name and the test against constants.tsv finds them by name.
 */
public final class UapiConstants {
    private UapiConstants() {
    }

    /** sqe->file_index: let the kernel pick a free fixed-file slot. */
    public static final long IORING_FILE_INDEX_ALLOC = 0xffffffffL;
    /** The uring_cmd_flags bits the kernel accepts. */
    public static final long IORING_URING_CMD_MASK = 0x3L;

    /** timeout_flags: the clock-selecting bits (BOOTTIME | REALTIME). */
    public static final long IORING_TIMEOUT_CLOCK_MASK = 0xcL;
    /** timeout_flags: the update-selecting bits (UPDATE | LINK_TIMEOUT_UPDATE). */
    public static final long IORING_TIMEOUT_UPDATE_MASK = 0x12L;

    /** With IORING_CQE_F_BUFFER, the buffer id sits in cqe->flags above this bit. */
    public static final long IORING_CQE_BUFFER_SHIFT = 16L;

    /** mmap offsets of the rings, the SQE array and provided-buffer rings. */
    public static final long IORING_OFF_SQ_RING = 0x0L;
    public static final long IORING_OFF_CQ_RING = 0x8000000L;
    public static final long IORING_OFF_SQES = 0x10000000L;
    public static final long IORING_OFF_PBUF_RING = 0x80000000L;
    /** IORING_OFF_PBUF_RING | (bgid << IORING_OFF_PBUF_SHIFT) maps buffer group bgid's ring. */
    public static final long IORING_OFF_PBUF_SHIFT = 16L;
    public static final long IORING_OFF_MMAP_MASK = 0xf8000000L;

    /** An fd in a files update that leaves the slot as it is: (-2) as a 64-bit value. */
    public static final long IORING_REGISTER_FILES_SKIP = 0xfffffffffffffffeL;

    /** Timestamp CQEs (SOCKET_URING_OP_TX_TIMESTAMP): where the hw flag and the type sit in cqe->flags. */
    public static final long IORING_TIMESTAMP_HW_SHIFT = 16L;
    public static final long IORING_TIMESTAMP_TYPE_SHIFT = 17L;

    /** zcrx: the area id sits in the top 16 bits of an rqe/cqe offset. */
    public static final long IORING_ZCRX_AREA_SHIFT = 48L;
    public static final long IORING_ZCRX_AREA_MASK = 0xffff000000000000L;

    /** Bit numbers of the IOSQE_* flags. */
    public static final long IOSQE_FIXED_FILE_BIT = 0L;
    public static final long IOSQE_IO_DRAIN_BIT = 1L;
    public static final long IOSQE_IO_LINK_BIT = 2L;
    public static final long IOSQE_IO_HARDLINK_BIT = 3L;
    public static final long IOSQE_ASYNC_BIT = 4L;
    public static final long IOSQE_BUFFER_SELECT_BIT = 5L;
    public static final long IOSQE_CQE_SKIP_SUCCESS_BIT = 6L;

    /** One past the last value of each enumeration: a probe's last_op, the register op bound. */
    public static final long IORING_OP_LAST = 65L;
    public static final long IORING_REGISTER_LAST = 38L;
    public static final long IORING_RESTRICTION_LAST = 4L;
    public static final long __ZCRX_CTRL_LAST = 3L;
    public static final long __ZCRX_EVENT_TYPE_LAST = 2L;
    public static final long __IO_URING_QUERY_MAX = 4L;
    public static final long IORING_MOCK_FEAT_END = 5L;

    /** Every constant above by its C name, read from the fields themselves so no value is written twice. */
    private static final Map<String, Long> ALL = fields();

    private static Map<String, Long> fields() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Field field : UapiConstants.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (field.getType() == long.class && Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers)) {
                try {
                    out.put(field.getName(), field.getLong(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(field.getName(), e);
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Every constant by C name. */
    public static Map<String, Long> all() {
        return ALL;
    }

    public static Optional<Long> named(String cName) {
        return Optional.ofNullable(ALL.get(cName));
    }
}
