package dev.ringside.shell.session;

import dev.ringside.decoders.flags.SqeFlag;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * What the ledger needs from an SQE, read from the bytes the kernel gets (not from the names the
 * user typed): user_data, IOSQE_* flags, and the members PROVIDE_BUFFERS, REMOVE_BUFFERS, buffer
 * selection and MSG_RING read (fd, off, addr, len, buf_group, the op-flags union).
 */
public record SqeFacts(long userData, int sqeFlags, int fd, long off, long addr, int len, int opFlags, int bufGroup) {
    private static final int FLAGS = offset("flags");
    private static final int FD = offset("fd");
    private static final int OFF = offset("off");
    private static final int ADDR = offset("addr");
    private static final int LEN = offset("len");
    private static final int OP_FLAGS = offset("msg_ring_flags");
    private static final int USER_DATA = offset("user_data");
    private static final int BUF_GROUP = offset("buf_group");

    // the SQE is host-endian bytes: views on the byte[] itself, not a MemorySegment made per SQE (read for every one submitted)
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());

    private static int offset(String member) {
        return Math.toIntExact(LayoutPaths.offset(UapiLayouts.IO_URING_SQE, member));
    }

    public static SqeFacts of(byte[] sqe) {
        return new SqeFacts((long) LONGS.get(sqe, USER_DATA),
                Byte.toUnsignedInt(sqe[FLAGS]),
                (int) INTS.get(sqe, FD),
                (long) LONGS.get(sqe, OFF),
                (long) LONGS.get(sqe, ADDR),
                (int) INTS.get(sqe, LEN),
                (int) INTS.get(sqe, OP_FLAGS),
                Short.toUnsignedInt((short) SHORTS.get(sqe, BUF_GROUP)));
    }

    public boolean has(SqeFlag flag) {
        return (sqeFlags & flag.value()) != 0;
    }
}
