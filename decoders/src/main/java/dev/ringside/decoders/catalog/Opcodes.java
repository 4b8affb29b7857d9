package dev.ringside.decoders.catalog;

import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.flags.TimeoutFlag;

import java.util.List;

import static dev.ringside.decoders.catalog.FieldSpec.field;
import static dev.ringside.decoders.catalog.FieldType.ADDRESS;
import static dev.ringside.decoders.catalog.FieldType.DURATION;
import static dev.ringside.decoders.catalog.FieldType.FD;
import static dev.ringside.decoders.catalog.FieldType.NUMBER;
import static dev.ringside.decoders.catalog.FieldType.RESULT;
import static dev.ringside.decoders.catalog.FieldType.TIMESPEC_POINTER;
import static dev.ringside.decoders.catalog.FieldType.USER_DATA;
import static dev.ringside.decoders.catalog.FieldType.flags;
import static dev.ringside.decoders.catalog.SqeSlot.ADDR;
import static dev.ringside.decoders.catalog.SqeSlot.LEN;
import static dev.ringside.decoders.catalog.SqeSlot.OFF;
import static dev.ringside.decoders.catalog.SqeSlot.OP_FLAGS;

/**
 * The opcode catalogue: every IORING_OP_* declared once with the SQE fields it reads. Help,
 * crafting, decoding, completion and the C export all read these declarations.
 */
public final class Opcodes {
    private Opcodes() {
    }

    private static final long IMMEDIATE_ARG = TimeoutFlag.IMMEDIATE_ARG.value();

    private static Opcode op(int number, String name, String since, String summary, FieldSpec... fields) {
        return new Opcode(number, name, since, summary, List.of(fields));
    }

    private static FieldSpec[] readWrite(String direction) {
        return new FieldSpec[] {
            field("off", OFF, NUMBER, "file offset; -1 for the current position"),
            field("addr", ADDR, ADDRESS, "buffer to " + direction),
            field("len", LEN, NUMBER, "bytes to " + direction),
            field("rw_flags", OP_FLAGS, NUMBER, "RWF_* flags, as for preadv2/pwritev2"),
        };
    }

    private static FieldSpec timeoutFlags() {
        return field("timeout_flags", OP_FLAGS, flags(FlagSets.TIMEOUT), "IORING_TIMEOUT_* flags");
    }

    public static final List<Opcode> ALL = List.of(
            op(0, "NOP", "5.1", "does nothing; completes with res 0, or an injected result",
                    field("nop_flags", OP_FLAGS, flags(FlagSets.NOP), "IORING_NOP_* flags"),
                    field("result", LEN, RESULT, "with INJECT_RESULT: the res the CQE carries (e.g. -EIO)")),
            op(1, "READV", "5.1", "preadv2(2): read into an iovec array"),
            op(2, "WRITEV", "5.1", "pwritev2(2): write from an iovec array"),
            op(3, "FSYNC", "5.1", "fsync(2) or fdatasync(2)"),
            op(4, "READ_FIXED", "5.1", "read into a registered buffer"),
            op(5, "WRITE_FIXED", "5.1", "write from a registered buffer"),
            op(6, "POLL_ADD", "5.1", "poll a file descriptor for events"),
            op(7, "POLL_REMOVE", "5.1", "remove or update a poll request"),
            op(8, "SYNC_FILE_RANGE", "5.2", "sync_file_range(2)"),
            op(9, "SENDMSG", "5.3", "sendmsg(2)"),
            op(10, "RECVMSG", "5.3", "recvmsg(2)"),
            op(11, "TIMEOUT", "5.4", "completes after a time, or after count other completions",
                    field("ts", ADDR, TIMESPEC_POINTER, "pointer to the __kernel_timespec (the console allocates it)")
                            .unless(OP_FLAGS, IMMEDIATE_ARG),
                    field("timeout_ns", ADDR, DURATION, "with IMMEDIATE_ARG: the time itself, in nanoseconds")
                            .when(OP_FLAGS, IMMEDIATE_ARG),
                    field("len", LEN, NUMBER, "number of timespecs: must be 1").preset(1),
                    field("count", OFF, NUMBER, "complete after this many other CQEs; 0: only the time"),
                    timeoutFlags()),
            op(12, "TIMEOUT_REMOVE", "5.5", "remove or, with UPDATE, update an existing timeout",
                    field("target", ADDR, USER_DATA, "user_data of the timeout to remove or update"),
                    field("ts", SqeSlot.OFF, TIMESPEC_POINTER, "with UPDATE: pointer to the new __kernel_timespec (addr2)")
                            .unless(OP_FLAGS, IMMEDIATE_ARG),
                    field("timeout_ns", SqeSlot.OFF, DURATION, "with UPDATE and IMMEDIATE_ARG: the new time in ns (addr2)")
                            .when(OP_FLAGS, IMMEDIATE_ARG),
                    timeoutFlags()),
            op(13, "ACCEPT", "5.5", "accept4(2)"),
            op(14, "ASYNC_CANCEL", "5.5", "cancel in-flight requests",
                    field("target", ADDR, USER_DATA, "user_data of the request to cancel")),
            op(15, "LINK_TIMEOUT", "5.5", "a timeout for the request it is linked after",
                    field("ts", ADDR, TIMESPEC_POINTER, "pointer to the __kernel_timespec (the console allocates it)")
                            .unless(OP_FLAGS, IMMEDIATE_ARG),
                    field("timeout_ns", ADDR, DURATION, "with IMMEDIATE_ARG: the time itself, in nanoseconds")
                            .when(OP_FLAGS, IMMEDIATE_ARG),
                    field("len", LEN, NUMBER, "number of timespecs: must be 1").preset(1),
                    timeoutFlags()),
            op(16, "CONNECT", "5.5", "connect(2)"),
            op(17, "FALLOCATE", "5.6", "fallocate(2)"),
            op(18, "OPENAT", "5.6", "openat(2)"),
            op(19, "CLOSE", "5.6", "close(2), or close a fixed file"),
            op(20, "FILES_UPDATE", "5.6", "update registered files from an fd array"),
            op(21, "STATX", "5.6", "statx(2)"),
            op(22, "READ", "5.6", "pread(2) into a buffer", readWrite("read into")),
            op(23, "WRITE", "5.6", "pwrite(2) from a buffer", readWrite("write from")),
            op(24, "FADVISE", "5.6", "posix_fadvise(2)"),
            op(25, "MADVISE", "5.6", "madvise(2)"),
            op(26, "SEND", "5.6", "send(2)"),
            op(27, "RECV", "5.6", "recv(2)"),
            op(28, "OPENAT2", "5.6", "openat2(2)"),
            op(29, "EPOLL_CTL", "5.6", "epoll_ctl(2)"),
            op(30, "SPLICE", "5.7", "splice(2)"),
            op(31, "PROVIDE_BUFFERS", "5.7", "hand the kernel a group of legacy provided buffers"),
            op(32, "REMOVE_BUFFERS", "5.7", "take legacy provided buffers back"),
            op(33, "TEE", "5.8", "tee(2)"),
            op(34, "SHUTDOWN", "5.11", "shutdown(2)"),
            op(35, "RENAMEAT", "5.11", "renameat2(2)"),
            op(36, "UNLINKAT", "5.11", "unlinkat(2)"),
            op(37, "MKDIRAT", "5.15", "mkdirat(2)"),
            op(38, "SYMLINKAT", "5.15", "symlinkat(2)"),
            op(39, "LINKAT", "5.15", "linkat(2)"),
            op(40, "MSG_RING", "5.18", "post a CQE (or pass a file) to another ring"),
            op(41, "FSETXATTR", "5.19", "fsetxattr(2)"),
            op(42, "SETXATTR", "5.19", "setxattr(2)"),
            op(43, "FGETXATTR", "5.19", "fgetxattr(2)"),
            op(44, "GETXATTR", "5.19", "getxattr(2)"),
            op(45, "SOCKET", "5.19", "socket(2)"),
            op(46, "URING_CMD", "5.19", "a driver- or socket-specific command"),
            op(47, "SEND_ZC", "6.0", "zero-copy send(2)"),
            op(48, "SENDMSG_ZC", "6.1", "zero-copy sendmsg(2)"),
            op(49, "READ_MULTISHOT", "6.7", "read repeatedly into provided buffers"),
            op(50, "WAITID", "6.7", "waitid(2)"),
            op(51, "FUTEX_WAIT", "6.7", "futex wait"),
            op(52, "FUTEX_WAKE", "6.7", "futex wake"),
            op(53, "FUTEX_WAITV", "6.7", "futex_waitv(2)"),
            op(54, "FIXED_FD_INSTALL", "6.8", "install a fixed file as a normal fd"),
            op(55, "FTRUNCATE", "6.9", "ftruncate(2)"),
            op(56, "BIND", "6.11", "bind(2)"),
            op(57, "LISTEN", "6.11", "listen(2)"),
            op(58, "RECV_ZC", "6.15", "zero-copy receive through a zcrx interface queue"),
            op(59, "EPOLL_WAIT", "6.15", "epoll_wait(2)"),
            op(60, "READV_FIXED", "6.15", "readv into registered buffers"),
            op(61, "WRITEV_FIXED", "6.15", "writev from registered buffers"),
            op(62, "PIPE", "6.16", "pipe2(2)"),
            op(63, "NOP128", "6.18", "NOP in a 128-byte SQE slot (SQE_MIXED rings)"),
            op(64, "URING_CMD128", "6.18", "URING_CMD in a 128-byte SQE slot (SQE_MIXED rings)"));
}
