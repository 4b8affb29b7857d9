package dev.ringside.shell.session;

import dev.ringside.decoders.flags.SqeFlag;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What the ledger needs from an SQE, read from the bytes the kernel gets (not from the names the
 * user typed): user_data, IOSQE_* flags, and the members PROVIDE_BUFFERS, REMOVE_BUFFERS, buffer
 * selection and MSG_RING read (fd, off, addr, len, buf_group, the op-flags union).
 */
public record SqeFacts(long userData, int sqeFlags, int fd, long off, long addr, int len, int opFlags, int bufGroup) {
    private static final long FLAGS = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "flags");
    private static final long FD = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "fd");
    private static final long OFF = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "off");
    private static final long ADDR = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "addr");
    private static final long LEN = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "len");
    private static final long OP_FLAGS = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "msg_ring_flags");
    private static final long USER_DATA = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "user_data");
    private static final long BUF_GROUP = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "buf_group");

    public static SqeFacts of(byte[] sqe) {
        MemorySegment s = MemorySegment.ofArray(sqe);
        return new SqeFacts(s.get(ValueLayout.JAVA_LONG_UNALIGNED, USER_DATA),
                Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, FLAGS)),
                s.get(ValueLayout.JAVA_INT_UNALIGNED, FD),
                s.get(ValueLayout.JAVA_LONG_UNALIGNED, OFF),
                s.get(ValueLayout.JAVA_LONG_UNALIGNED, ADDR),
                s.get(ValueLayout.JAVA_INT_UNALIGNED, LEN),
                s.get(ValueLayout.JAVA_INT_UNALIGNED, OP_FLAGS),
                Short.toUnsignedInt(s.get(ValueLayout.JAVA_SHORT_UNALIGNED, BUF_GROUP)));
    }

    public boolean has(SqeFlag flag) {
        return (sqeFlags & flag.value()) != 0;
    }
}
