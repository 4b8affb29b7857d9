package dev.ringside.decoders.catalog;

import dev.ringside.decoders.flags.AsyncCancelFlag;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.flags.MsgRingFlag;
import dev.ringside.decoders.flags.RecvSendFlag;
import dev.ringside.decoders.flags.SqeFlag;
import dev.ringside.decoders.flags.TimeoutFlag;

import dev.ringside.decoders.flags.RwAttrFlag;
import dev.ringside.decoders.flags.SocketUringOp;

import java.util.ArrayList;
import java.util.List;

import static dev.ringside.decoders.catalog.FieldSpec.field;
import static dev.ringside.decoders.catalog.FieldType.ADDRESS;
import static dev.ringside.decoders.catalog.FieldType.DURATION;
import static dev.ringside.decoders.catalog.FieldType.FD;
import static dev.ringside.decoders.catalog.FieldType.HEX_BYTES;
import static dev.ringside.decoders.catalog.FieldType.NUMBER;
import static dev.ringside.decoders.catalog.FieldType.RESULT;
import static dev.ringside.decoders.catalog.FieldType.TIMESPEC_POINTER;
import static dev.ringside.decoders.catalog.FieldType.USER_DATA;
import static dev.ringside.decoders.catalog.FieldType.flags;
import static dev.ringside.decoders.catalog.SqeSlot.ADDR;
import static dev.ringside.decoders.catalog.SqeSlot.ADDR2;
import static dev.ringside.decoders.catalog.SqeSlot.ADDR3;
import static dev.ringside.decoders.catalog.SqeSlot.ADDR_LEN;
import static dev.ringside.decoders.catalog.SqeSlot.ATTR_PTR;
import static dev.ringside.decoders.catalog.SqeSlot.ATTR_TYPE_MASK;
import static dev.ringside.decoders.catalog.SqeSlot.BUF_INDEX;
import static dev.ringside.decoders.catalog.SqeSlot.CMD;
import static dev.ringside.decoders.catalog.SqeSlot.CMD128;
import static dev.ringside.decoders.catalog.SqeSlot.CMD_OP;
import static dev.ringside.decoders.catalog.SqeSlot.FILE_INDEX;
import static dev.ringside.decoders.catalog.SqeSlot.FILE_INDEX_U32;
import static dev.ringside.decoders.catalog.SqeSlot.FLAGS;
import static dev.ringside.decoders.catalog.SqeSlot.IOPRIO;
import static dev.ringside.decoders.catalog.SqeSlot.LEN;
import static dev.ringside.decoders.catalog.SqeSlot.LEN_SIGNED;
import static dev.ringside.decoders.catalog.SqeSlot.LEVEL;
import static dev.ringside.decoders.catalog.SqeSlot.OFF;
import static dev.ringside.decoders.catalog.SqeSlot.OPTNAME;
import static dev.ringside.decoders.catalog.SqeSlot.OP_FLAGS;
import static dev.ringside.decoders.catalog.SlotUse.Access.PAGES;
import static dev.ringside.decoders.catalog.SlotUse.Access.READS;
import static dev.ringside.decoders.catalog.SlotUse.Access.READS_WRITES;
import static dev.ringside.decoders.catalog.SlotUse.Access.WRITES;
import static dev.ringside.decoders.catalog.SlotUse.FdKind.DIRFD;
import static dev.ringside.decoders.catalog.SlotUse.FdKind.FILE;
import static dev.ringside.decoders.catalog.SlotUse.FdKind.PLAIN;
import static dev.ringside.decoders.catalog.SlotUse.FdKind.RING;
import static dev.ringside.decoders.catalog.SlotUse.FdKind.SPLICE_IN;
import static dev.ringside.decoders.catalog.SlotUse.Holds;

/**
 * The opcode catalogue: every IORING_OP_* declared once with the SQE fields it reads, under the
 * names its liburing io_uring_prep_* page and the kernel's prep function give them. Help,
 * crafting, decoding, completion and the C export all read these declarations.
 */
public final class Opcodes {
    private Opcodes() {
    }

    /** IORING_NOP_FILE (../shared/uapi/constants.tsv): NOP then takes fd as a file. */
    private static final long NOP_FILE = 0x2;
    private static final long IMMEDIATE_ARG = TimeoutFlag.IMMEDIATE_ARG.value();
    private static final long SEND_VECTORIZED = RecvSendFlag.SEND_VECTORIZED.value();
    private static final long BUFFER_SELECT = SqeFlag.BUFFER_SELECT.value();

    private static Opcode op(int number, String name, String since, String summary, FieldSpec... fields) {
        return new Opcode(number, name, since, summary, List.of(fields));
    }

    /** Joins field groups into one declaration, in order. */
    private static FieldSpec[] fields(Object... specsOrArrays) {
        List<FieldSpec> out = new ArrayList<>();
        for (Object o : specsOrArrays) {
            if (o instanceof FieldSpec[] array) {
                out.addAll(List.of(array));
            } else {
                out.add((FieldSpec) o);
            }
        }
        return out.toArray(FieldSpec[]::new);
    }

    // ---- read and write (io_uring/rw.c: io_prep_rw) ----

    // sizes of what SQE pointers point to (x86_64; the uapi structs from ../shared/uapi/layouts.tsv)
    static final long STATX_SIZE = 256;
    static final long OPEN_HOW_SIZE = 24;
    static final long MSGHDR_SIZE = 56;
    static final long IOVEC_SIZE = 16;
    static final long EPOLL_EVENT_SIZE = 12;
    static final long FUTEX_WAITV_SIZE = 24;
    static final long SIGINFO_SIZE = 128;
    /** sizeof(struct sockaddr_storage): the most the kernel writes where it returns an address. */
    static final long SOCKADDR_STORAGE_SIZE = 128;
    static final long ATTR_PI_SIZE = 32;

    /** The file the request works on: an fd, or a registered-file index with IOSQE_FIXED_FILE. */
    private static FieldSpec file(String what) {
        return field("fd", SqeSlot.FD, FD, what + " (a fixed-file index with FIXED_FILE)").fd(FILE);
    }

    private static FieldSpec[] readWrite(String direction, boolean reading) {
        return new FieldSpec[] {
            file("file to " + (reading ? "read from" : "write to")),
            field("off", OFF, NUMBER, "file offset; -1 for the current position"),
            field("addr", ADDR, ADDRESS, "buffer to " + direction)
                    .pointer(reading ? WRITES : READS, Extent.bytesIn(LEN, "len")),
            field("len", LEN, NUMBER, "bytes to " + direction),
            field("rw_flags", OP_FLAGS, flags(FlagSets.RW), "RWF_* flags, as for preadv2/pwritev2"),
        };
    }

    private static FieldSpec[] vectored(String direction, boolean reading) {
        return new FieldSpec[] {
            file("file to " + (reading ? "read from" : "write to")),
            field("off", OFF, NUMBER, "file offset; -1 for the current position"),
            field("iovecs", ADDR, ADDRESS, "pointer to the struct iovec array to " + direction)
                    .pointer(READS, Extent.array(LEN, "nr_iovecs", IOVEC_SIZE, "struct iovec"), Holds.IOVECS),
            field("nr_iovecs", LEN, NUMBER, "number of iovecs in the array"),
            field("rw_flags", OP_FLAGS, flags(FlagSets.RW), "RWF_* flags, as for preadv2/pwritev2"),
        };
    }

    /** Protection information for O_DIRECT block I/O (6.14): a struct io_uring_attr_pi and its type bit. */
    private static FieldSpec[] attributes() {
        return new FieldSpec[] {
            field("attr_ptr", ATTR_PTR, ADDRESS, "pointer to the attribute (struct io_uring_attr_pi with PI)")
                    .pointerIf(Guard.set(ATTR_TYPE_MASK, RwAttrFlag.PI.value(), "attr_type_mask=PI"), READS,
                            Extent.fixed(ATTR_PI_SIZE, "struct io_uring_attr_pi"), Holds.ATTR_PI),
            field("attr_type_mask", ATTR_TYPE_MASK, flags(FlagSets.RW_ATTR), "which attribute attr_ptr points to"),
        };
    }

    private static FieldSpec registeredBuffer(String what) {
        return field("buf_index", BUF_INDEX, NUMBER, "index of the registered buffer " + what);
    }

    private static FieldSpec bufGroup(String what) {
        return field("buf_group", BUF_INDEX, NUMBER, "with BUFFER_SELECT: the provided-buffer group " + what)
                .when(FLAGS, BUFFER_SELECT);
    }

    // ---- timeouts (io_uring/timeout.c) ----

    private static FieldSpec timeoutFlags() {
        return field("timeout_flags", OP_FLAGS, flags(FlagSets.TIMEOUT), "IORING_TIMEOUT_* flags");
    }

    private static FieldSpec[] timespec(SqeSlot slot, String what) {
        return new FieldSpec[] {
            field("ts", slot, TIMESPEC_POINTER, "pointer to the __kernel_timespec holding " + what + " (the console allocates it)")
                    .unless(OP_FLAGS, IMMEDIATE_ARG).pointer(READS, Extent.fixed(16, "__kernel_timespec")),
            field("timeout_ns", slot, DURATION, "with IMMEDIATE_ARG: " + what + " itself, in nanoseconds")
                    .when(OP_FLAGS, IMMEDIATE_ARG),
        };
    }

    // ---- sockets (io_uring/net.c) ----

    private static FieldSpec recvSendFlags() {
        return field("ioprio", IOPRIO, flags(FlagSets.RECVSEND), "IORING_RECVSEND_* flags (held in ioprio)");
    }

    private static FieldSpec msgFlags(String call) {
        return field("msg_flags", OP_FLAGS, NUMBER, "MSG_* flags, as for " + call);
    }

    private static FieldSpec[] destination() {
        return new FieldSpec[] {
            field("dest_addr", ADDR2, ADDRESS, "optional struct sockaddr to send to, as sendto(2)")
                    .pointer(READS, Extent.bytesIn(ADDR_LEN, "addr_len")),
            field("addr_len", ADDR_LEN, NUMBER, "length of dest_addr"),
        };
    }

    // ---- files and paths (io_uring/openclose.c, fs.c, statx.c, xattr.c) ----

    private static FieldSpec fileIndex(String what) {
        return field("file_index", FILE_INDEX_U32, NUMBER, "0: a normal fd; N: " + what
                + " fixed-file slot N-1; 0xffffffff (IORING_FILE_INDEX_ALLOC): any free slot")
                .fileIndex("N-1 is the fixed-file slot the new file goes in");
    }

    private static FieldSpec dirfd(String which) {
        return field("dirfd", SqeSlot.FD, FD, which + "directory fd paths are relative to; AT_FDCWD is -100").fd(DIRFD);
    }

    private static FieldSpec path(SqeSlot slot, String name, String what) {
        return path(slot, name, what, Extent.PathRole.NAME);
    }

    private static FieldSpec path(SqeSlot slot, String name, String what, Extent.PathRole role) {
        return field(name, slot, ADDRESS, "pointer to the NUL-terminated " + what).pointer(READS, new Extent.CString(what, role));
    }

    private static FieldSpec[] xattr(boolean byPath, boolean getting) {
        List<FieldSpec> out = new ArrayList<>(List.of(
                path(ADDR, "name", "attribute name"),
                field("value", ADDR2, ADDRESS, "pointer to the value buffer")
                        .pointer(getting ? WRITES : READS, Extent.bytesIn(LEN, "size")),
                field("size", LEN, NUMBER, "size of the value buffer"),
                field("xattr_flags", OP_FLAGS, NUMBER, "XATTR_CREATE 1, XATTR_REPLACE 2 (set); 0 for get")));
        if (byPath) {
            out.add(path(ADDR3, "path", "path of the file"));
        } else {
            out.add(file("file whose attribute to " + (getting ? "get" : "set")));
        }
        return out.toArray(FieldSpec[]::new);
    }

    // ---- futexes (io_uring/futex.c) ----

    private static FieldSpec[] futex(String valueMeaning) {
        return new FieldSpec[] {
            field("futex2_flags", SqeSlot.FD, NUMBER, "FUTEX2_* flags: size (U8 0, U16 1, U32 2, U64 3), NUMA 4, PRIVATE 128"),
            field("uaddr", ADDR, ADDRESS, "address of the futex word")
                    .pointer(READS, new Extent.SizeCode(SqeSlot.FD, 3, "futex word (1 << the FUTEX2 size bits)")),
            field("val", ADDR2, NUMBER, valueMeaning),
            field("mask", ADDR3, NUMBER, "bitset; 0xffffffff (FUTEX_BITSET_MATCH_ANY) for any"),
        };
    }

    // ---- driver commands (io_uring/uring_cmd.c) ----

    private static Guard socketOp(SocketUringOp op) {
        return Guard.equal(CMD_OP, op.value(), "cmd_op=" + op.name());
    }

    private static FieldSpec[] uringCmd(SqeSlot cmdSlot) {
        // the socket commands' pointers (io_uring/cmd_net.c); any other driver's cmd bytes are its own
        SlotUse optvalOut = new SlotUse.Pointer(ADDR3, Extent.bytesIn(FILE_INDEX_U32, "optlen"), WRITES, Holds.DATA,
                List.of(socketOp(SocketUringOp.GETSOCKOPT)));
        SlotUse optvalIn = new SlotUse.Pointer(ADDR3, Extent.bytesIn(FILE_INDEX_U32, "optlen"), READS, Holds.DATA,
                List.of(socketOp(SocketUringOp.SETSOCKOPT)));
        SlotUse nameOut = new SlotUse.Pointer(ADDR, Extent.fixed(SOCKADDR_STORAGE_SIZE, "struct sockaddr_storage"), WRITES,
                Holds.DATA, List.of(socketOp(SocketUringOp.GETSOCKNAME)));
        SlotUse nameLen = new SlotUse.Pointer(ADDR3, Extent.fixed(4, "socklen_t"), READS_WRITES, Holds.DATA,
                List.of(socketOp(SocketUringOp.GETSOCKNAME)));
        SlotUse driver = new SlotUse.Pointer(cmdSlot, new Extent.Undeclared("a driver's own command bytes"), READS_WRITES,
                Holds.DATA, List.of());
        return new FieldSpec[] {
            file("the socket or device the command goes to"),
            field("cmd_op", CMD_OP, NUMBER, "the driver's command; for sockets a SOCKET_URING_OP_* (SIOCINQ 0 .. GETSOCKNAME 5)"),
            field("level", LEVEL, NUMBER, "socket GETSOCKOPT/SETSOCKOPT: the level, as for getsockopt(2)"),
            field("optname", OPTNAME, NUMBER, "socket GETSOCKOPT/SETSOCKOPT: the option name"),
            field("uring_cmd_flags", OP_FLAGS, flags(FlagSets.URING_CMD), "IORING_URING_CMD_* flags"),
            field("buf_index", BUF_INDEX, NUMBER, "with FIXED: the registered buffer the command uses"),
            field("optlen", FILE_INDEX_U32, NUMBER, "socket GETSOCKOPT/SETSOCKOPT: length of the option value"),
            field("cmd", cmdSlot, HEX_BYTES, "the command's own " + cmdSlot.size()
                    + " bytes, in hex in memory order (a socket option's optval pointer is the first 8)")
                    .with(optvalOut).with(optvalIn).with(nameOut).with(nameLen).with(driver),
        };
    }

    private static FieldSpec[] nop() {
        return new FieldSpec[] {
            field("nop_flags", OP_FLAGS, flags(FlagSets.NOP), "IORING_NOP_* flags")
                    .with(new SlotUse.Fd(SqeSlot.FD, FILE, List.of(Guard.set(OP_FLAGS, NOP_FILE, "nop_flags=FILE")))),
            field("result", LEN, RESULT, "with INJECT_RESULT: the res the CQE carries (e.g. -EIO)"),
        };
    }

    private static final long FLAGS_PASS = MsgRingFlag.FLAGS_PASS.value();

    public static final List<Opcode> ALL = List.of(
            op(0, "NOP", "5.1", "does nothing; completes with res 0, or an injected result", nop()),
            op(1, "READV", "5.1", "preadv2(2): read into an iovec array",
                    fields(vectored("read into", true), bufGroup("to pick one buffer from (nr_iovecs must be 1)"), attributes())),
            op(2, "WRITEV", "5.1", "pwritev2(2): write from an iovec array", fields(vectored("write from", false), attributes())),
            op(3, "FSYNC", "5.1", "fsync(2) or fdatasync(2)",
                    file("file to sync"),
                    field("off", OFF, NUMBER, "start of the range to sync"),
                    field("len", LEN, NUMBER, "length of the range; 0 to the end of the file"),
                    field("fsync_flags", OP_FLAGS, flags(FlagSets.FSYNC), "IORING_FSYNC_* flags")),
            op(4, "READ_FIXED", "5.1", "read into a registered buffer",
                    fields(readWrite("read into (inside the registered buffer)", true), registeredBuffer("addr lies in"), attributes())),
            op(5, "WRITE_FIXED", "5.1", "write from a registered buffer",
                    fields(readWrite("write from (inside the registered buffer)", false), registeredBuffer("addr lies in"), attributes())),
            op(6, "POLL_ADD", "5.1", "poll a file descriptor for events",
                    file("file to poll"),
                    field("poll32_events", OP_FLAGS, flags(FlagSets.POLL_EVENT), "the POLL* events to wait for"),
                    field("poll_flags", LEN, flags(FlagSets.POLL), "IORING_POLL_ADD_* flags (held in len)")),
            op(7, "POLL_REMOVE", "5.1", "remove or update a poll request",
                    field("target", ADDR, USER_DATA, "user_data of the poll request to remove or update"),
                    field("new_user_data", OFF, USER_DATA, "with UPDATE_USER_DATA: its new user_data"),
                    field("poll_flags", LEN, flags(FlagSets.POLL), "IORING_POLL_UPDATE_* flags (held in len); 0 removes"),
                    field("poll32_events", OP_FLAGS, flags(FlagSets.POLL_EVENT), "with UPDATE_EVENTS: the new POLL* events")),
            op(8, "SYNC_FILE_RANGE", "5.2", "sync_file_range(2)",
                    file("file to sync"),
                    field("off", OFF, NUMBER, "start of the range"),
                    field("len", LEN, NUMBER, "length of the range; 0 to the end of the file"),
                    field("sync_range_flags", OP_FLAGS, NUMBER, "SYNC_FILE_RANGE_WAIT_BEFORE 1, WRITE 2, WAIT_AFTER 4")),
            op(9, "SENDMSG", "5.3", "sendmsg(2)",
                    file("the socket"),
                    field("msg", ADDR, ADDRESS, "pointer to the struct msghdr")
                            .pointer(READS_WRITES, Extent.fixed(MSGHDR_SIZE, "struct msghdr"), Holds.MSGHDR),
                    msgFlags("sendmsg(2)"), recvSendFlags(), bufGroup("to send from")),
            op(10, "RECVMSG", "5.3", "recvmsg(2)",
                    file("the socket"),
                    field("msg", ADDR, ADDRESS, "pointer to the struct msghdr")
                            .pointer(READS_WRITES, Extent.fixed(MSGHDR_SIZE, "struct msghdr"), Holds.MSGHDR),
                    field("len", LEN, NUMBER, "with BUFFER_SELECT: at most this many bytes of the buffer; 0 for all"),
                    msgFlags("recvmsg(2)"), recvSendFlags(), bufGroup("to receive into")),
            op(11, "TIMEOUT", "5.4", "completes after a time, or after count other completions",
                    fields(timespec(ADDR, "the time"),
                            field("len", LEN, NUMBER, "number of timespecs: must be 1").preset(1),
                            field("count", OFF, NUMBER, "complete after this many other CQEs; 0: only the time"),
                            timeoutFlags())),
            op(12, "TIMEOUT_REMOVE", "5.5", "remove or, with UPDATE, update an existing timeout",
                    fields(field("target", ADDR, USER_DATA, "user_data of the timeout to remove or update"),
                            timespec(ADDR2, "the new time (with UPDATE)"),
                            timeoutFlags())),
            op(13, "ACCEPT", "5.5", "accept4(2)",
                    file("the listening socket"),
                    field("addr", ADDR, ADDRESS, "optional struct sockaddr for the peer's address")
                            .pointer(WRITES, Extent.fixed(SOCKADDR_STORAGE_SIZE, "struct sockaddr_storage")),
                    field("addrlen", ADDR2, ADDRESS, "pointer to the socklen_t: size of addr in, of the address out")
                            .pointer(READS_WRITES, Extent.fixed(4, "socklen_t")),
                    field("accept_flags", OP_FLAGS, flags(FlagSets.ACCEPT4), "SOCK_NONBLOCK, SOCK_CLOEXEC, as for accept4(2)"),
                    field("ioprio", IOPRIO, flags(FlagSets.ACCEPT), "IORING_ACCEPT_* flags (held in ioprio)"),
                    fileIndex("install the socket in")),
            op(14, "ASYNC_CANCEL", "5.5", "cancel in-flight requests",
                    field("target", ADDR, USER_DATA, "user_data of the request to cancel"),
                    field("cancel_flags", OP_FLAGS, flags(FlagSets.ASYNC_CANCEL), "IORING_ASYNC_CANCEL_* flags; fd is the match with FD"),
                    field("cancel_op", LEN, NUMBER, "with OP: the IORING_OP_* number to match")
                            .when(OP_FLAGS, AsyncCancelFlag.OP.value())),
            op(15, "LINK_TIMEOUT", "5.5", "a timeout for the request it is linked after",
                    fields(timespec(ADDR, "the time"),
                            field("len", LEN, NUMBER, "number of timespecs: must be 1").preset(1),
                            timeoutFlags())),
            op(16, "CONNECT", "5.5", "connect(2)",
                    file("the socket"),
                    field("addr", ADDR, ADDRESS, "pointer to the struct sockaddr to connect to")
                            .pointer(READS, Extent.bytesIn(ADDR2, "addrlen")),
                    field("addrlen", ADDR2, NUMBER, "length of addr (a value, not a pointer)")),
            op(17, "FALLOCATE", "5.6", "fallocate(2)",
                    file("file to allocate in"),
                    field("off", OFF, NUMBER, "start of the range"),
                    field("length", ADDR, NUMBER, "length of the range (held in addr)"),
                    field("mode", LEN, NUMBER, "FALLOC_FL_* mode, as for fallocate(2)")),
            op(18, "OPENAT", "5.6", "openat(2)",
                    dirfd(""), path(ADDR, "path", "path to open", Extent.PathRole.OPENED),
                    field("mode", LEN, NUMBER, "permission bits when creating"),
                    field("open_flags", OP_FLAGS, NUMBER, "O_* flags, as for open(2)"),
                    fileIndex("open into")),
            op(19, "CLOSE", "5.6", "close(2), or close a fixed file",
                    field("fd", SqeSlot.FD, FD, "the fd to close (0 with file_index)")
                            .fdIf(Guard.equal(FILE_INDEX_U32, 0, "file_index=0"), PLAIN),
                    field("file_index", FILE_INDEX_U32, NUMBER, "N: close fixed-file slot N-1 instead of fd (fd must be 0)")
                            .fileIndex("N-1 is the fixed-file slot to close")),
            op(20, "FILES_UPDATE", "5.6", "update registered files from an fd array",
                    field("fds", ADDR, ADDRESS, "pointer to the array of __s32 fds (-1 clears a slot)")
                            .pointer(READS_WRITES, Extent.array(LEN, "nr_fds", 4, "__s32"), Holds.FDS),
                    field("nr_fds", LEN, NUMBER, "number of fds in the array"),
                    field("offset", OFF, NUMBER, "first fixed-file slot to update; 0xffffffff (IORING_FILE_INDEX_ALLOC): any free")),
            op(21, "STATX", "5.6", "statx(2)",
                    dirfd(""), path(ADDR, "path", "path to stat"),
                    field("mask", LEN, NUMBER, "STATX_* fields wanted"),
                    field("statx_flags", OP_FLAGS, NUMBER, "AT_* flags, as for statx(2)"),
                    field("statxbuf", ADDR2, ADDRESS, "pointer to the struct statx to fill")
                            .pointer(WRITES, Extent.fixed(STATX_SIZE, "struct statx"))),
            op(22, "READ", "5.6", "pread(2) into a buffer",
                    fields(readWrite("read into", true), bufGroup("to read into (addr then 0)"), attributes())),
            op(23, "WRITE", "5.6", "pwrite(2) from a buffer", fields(readWrite("write from", false), attributes())),
            op(24, "FADVISE", "5.6", "posix_fadvise(2)",
                    file("file to advise on"),
                    field("off", OFF, NUMBER, "start of the range"),
                    field("len", LEN, NUMBER, "length of the range; 0 to the end of the file"),
                    field("fadvise_advice", OP_FLAGS, NUMBER, "POSIX_FADV_*: NORMAL 0, RANDOM 1, SEQUENTIAL 2, WILLNEED 3, DONTNEED 4, NOREUSE 5")),
            op(25, "MADVISE", "5.6", "madvise(2)",
                    field("addr", ADDR, ADDRESS, "start of the memory range (page-aligned)")
                            .pointer(PAGES, new Extent.FirstNonZero(OFF, "off", LEN, "len")),
                    field("len", LEN, NUMBER, "length of the range"),
                    field("fadvise_advice", OP_FLAGS, NUMBER, "MADV_* advice, as for madvise(2)")),
            op(26, "SEND", "5.6", "send(2)",
                    fields(file("the socket"),
                            field("addr", ADDR, ADDRESS, "buffer to send; with SEND_VECTORIZED an iovec array")
                                    .pointerIf(Guard.clear(IOPRIO, SEND_VECTORIZED, "SEND_VECTORIZED"), READS,
                                            Extent.bytesIn(LEN, "len"), Holds.DATA)
                                    .pointerIf(Guard.set(IOPRIO, SEND_VECTORIZED, "SEND_VECTORIZED"), READS,
                                            Extent.array(LEN, "len", IOVEC_SIZE, "struct iovec"), Holds.IOVECS),
                            field("len", LEN, NUMBER, "bytes to send; with SEND_VECTORIZED the number of iovecs"),
                            msgFlags("send(2)"), recvSendFlags(), bufGroup("to send from (BUNDLE sends several)"),
                            destination())),
            op(27, "RECV", "5.6", "recv(2)",
                    file("the socket"),
                    field("addr", ADDR, ADDRESS, "buffer to receive into (0 with BUFFER_SELECT)")
                            .pointer(WRITES, Extent.bytesIn(LEN, "len")),
                    field("len", LEN, NUMBER, "bytes to receive; with BUFFER_SELECT at most this many, 0 for the whole buffer"),
                    msgFlags("recv(2)"), recvSendFlags(), bufGroup("to receive into")),
            op(28, "OPENAT2", "5.6", "openat2(2)",
                    dirfd(""), path(ADDR, "path", "path to open", Extent.PathRole.OPENED),
                    field("how", ADDR2, ADDRESS, "pointer to the struct open_how")
                            .pointer(READS, Extent.bytesIn(LEN, "size")),
                    field("size", LEN, NUMBER, "sizeof(struct open_how): 24"),
                    fileIndex("open into")),
            op(29, "EPOLL_CTL", "5.6", "epoll_ctl(2)",
                    field("epfd", SqeSlot.FD, FD, "the epoll instance").fd(FILE),
                    field("op", LEN, NUMBER, "EPOLL_CTL_ADD 1, DEL 2, MOD 3"),
                    field("target_fd", OFF, NUMBER, "the fd to add, remove or modify").fd(PLAIN),
                    field("event", ADDR, ADDRESS, "pointer to the struct epoll_event (ADD, MOD)")
                            .pointer(READS, Extent.fixed(EPOLL_EVENT_SIZE, "struct epoll_event"))),
            op(30, "SPLICE", "5.7", "splice(2)",
                    field("fd_out", SqeSlot.FD, FD, "fd to splice to").fd(FILE),
                    field("splice_fd_in", FILE_INDEX, FD, "fd to splice from (a fixed file with FD_IN_FIXED)").fd(SPLICE_IN),
                    field("splice_off_in", ADDR, NUMBER, "offset in splice_fd_in; -1 for none (pipes, current position)"),
                    field("off_out", OFF, NUMBER, "offset in fd_out; -1 for none"),
                    field("len", LEN, NUMBER, "bytes to move"),
                    field("splice_flags", OP_FLAGS, flags(FlagSets.SPLICE), "SPLICE_F_* flags")),
            op(31, "PROVIDE_BUFFERS", "5.7", "hand the kernel a group of legacy provided buffers",
                    field("nbufs", SqeSlot.FD, NUMBER, "number of buffers (held in fd)"),
                    field("addr", ADDR, ADDRESS, "start of the first buffer; the rest follow contiguously")
                            .pointer(WRITES, new Extent.Product(SqeSlot.FD, "nbufs", LEN, "len")),
                    field("len", LEN, NUMBER, "size of each buffer"),
                    field("buf_group", BUF_INDEX, NUMBER, "the group id (bgid) to add them to"),
                    field("bid", OFF, NUMBER, "buffer id of the first buffer; the rest count up")),
            op(32, "REMOVE_BUFFERS", "5.7", "take legacy provided buffers back",
                    field("nbufs", SqeSlot.FD, NUMBER, "number of buffers to remove (held in fd)"),
                    field("buf_group", BUF_INDEX, NUMBER, "the group id (bgid) to remove them from")),
            op(33, "TEE", "5.8", "tee(2)",
                    field("fd_out", SqeSlot.FD, FD, "pipe to duplicate into").fd(FILE),
                    field("splice_fd_in", FILE_INDEX, FD, "pipe to duplicate from (a fixed file with FD_IN_FIXED)").fd(SPLICE_IN),
                    field("len", LEN, NUMBER, "bytes to duplicate"),
                    field("splice_flags", OP_FLAGS, flags(FlagSets.SPLICE), "SPLICE_F_* flags")),
            op(34, "SHUTDOWN", "5.11", "shutdown(2)",
                    file("the socket"),
                    field("how", LEN, NUMBER, "SHUT_RD 0, SHUT_WR 1, SHUT_RDWR 2")),
            op(35, "RENAMEAT", "5.11", "renameat2(2)",
                    dirfd("old path's "), path(ADDR, "oldpath", "path to rename"),
                    field("newdirfd", LEN_SIGNED, FD, "new path's directory fd (held in len); AT_FDCWD is -100").fd(DIRFD),
                    path(ADDR2, "newpath", "new path"),
                    field("rename_flags", OP_FLAGS, NUMBER, "RENAME_NOREPLACE 1, EXCHANGE 2, WHITEOUT 4")),
            op(36, "UNLINKAT", "5.11", "unlinkat(2)",
                    dirfd(""), path(ADDR, "path", "path to remove"),
                    field("unlink_flags", OP_FLAGS, NUMBER, "AT_REMOVEDIR 0x200 to remove a directory")),
            op(37, "MKDIRAT", "5.15", "mkdirat(2)",
                    dirfd(""), path(ADDR, "path", "directory to create"),
                    field("mode", LEN, NUMBER, "permission bits")),
            op(38, "SYMLINKAT", "5.15", "symlinkat(2)",
                    field("newdirfd", SqeSlot.FD, FD, "directory fd linkpath is relative to; AT_FDCWD is -100").fd(DIRFD),
                    path(ADDR, "target", "text the link holds", Extent.PathRole.LINK_TARGET),
                    path(ADDR2, "linkpath", "path of the link to create")),
            op(39, "LINKAT", "5.15", "linkat(2)",
                    dirfd("old path's "), path(ADDR, "oldpath", "existing file"),
                    field("newdirfd", LEN_SIGNED, FD, "new path's directory fd (held in len); AT_FDCWD is -100").fd(DIRFD),
                    path(ADDR2, "newpath", "link to create"),
                    field("hardlink_flags", OP_FLAGS, NUMBER, "AT_SYMLINK_FOLLOW 0x400, AT_EMPTY_PATH 0x1000")),
            op(40, "MSG_RING", "5.18", "post a CQE (or pass a file) to another ring",
                    field("ring_fd", SqeSlot.FD, FD, "the target ring (a fixed file with FIXED_FILE)").fd(RING),
                    field("command", ADDR, flags(FlagSets.MSG_RING_COMMAND), "IORING_MSG_DATA or IORING_MSG_SEND_FD"),
                    field("result", LEN, RESULT, "res of the CQE posted to the target ring"),
                    field("cqe_user_data", OFF, USER_DATA, "user_data of the CQE posted to the target ring"),
                    field("msg_ring_flags", OP_FLAGS, flags(FlagSets.MSG_RING), "IORING_MSG_RING_* flags"),
                    field("src_fd", ADDR3, NUMBER, "with SEND_FD: the fixed-file slot of this ring to send")
                            .fileIndex("the fixed-file slot of this ring whose file is sent"),
                    field("file_index", FILE_INDEX_U32, NUMBER, "with SEND_FD: N installs in the target's slot N-1; 0xffffffff any free")
                            .unless(OP_FLAGS, FLAGS_PASS),
                    field("cqe_flags", FILE_INDEX_U32, NUMBER, "with FLAGS_PASS: flags of the CQE posted to the target ring")
                            .when(OP_FLAGS, FLAGS_PASS)),
            op(41, "FSETXATTR", "5.19", "fsetxattr(2)", xattr(false, false)),
            op(42, "SETXATTR", "5.19", "setxattr(2)", xattr(true, false)),
            op(43, "FGETXATTR", "5.19", "fgetxattr(2)", xattr(false, true)),
            op(44, "GETXATTR", "5.19", "getxattr(2)", xattr(true, true)),
            op(45, "SOCKET", "5.19", "socket(2)",
                    field("domain", SqeSlot.FD, NUMBER, "AF_* address family (held in fd)"),
                    field("type", OFF, NUMBER, "SOCK_* type, with SOCK_NONBLOCK and SOCK_CLOEXEC"),
                    field("protocol", LEN, NUMBER, "protocol; 0 for the default"),
                    fileIndex("create the socket in")),
            op(46, "URING_CMD", "5.19", "a driver- or socket-specific command", uringCmd(CMD)),
            op(47, "SEND_ZC", "6.0", "zero-copy send(2)",
                    fields(file("the socket"),
                            field("addr", ADDR, ADDRESS, "buffer to send (inside the registered buffer with FIXED_BUF)")
                                    .pointerIf(Guard.clear(IOPRIO, SEND_VECTORIZED, "SEND_VECTORIZED"), READS,
                                            Extent.bytesIn(LEN, "len"), Holds.DATA)
                                    .pointerIf(Guard.set(IOPRIO, SEND_VECTORIZED, "SEND_VECTORIZED"), READS,
                                            Extent.array(LEN, "len", IOVEC_SIZE, "struct iovec"), Holds.IOVECS),
                            field("len", LEN, NUMBER, "bytes to send"),
                            msgFlags("send(2)"), recvSendFlags(),
                            field("buf_index", BUF_INDEX, NUMBER, "with FIXED_BUF: the registered buffer addr lies in")
                                    .when(IOPRIO, RecvSendFlag.FIXED_BUF.value()),
                            destination())),
            op(48, "SENDMSG_ZC", "6.1", "zero-copy sendmsg(2)",
                    file("the socket"),
                    field("msg", ADDR, ADDRESS, "pointer to the struct msghdr")
                            .pointer(READS_WRITES, Extent.fixed(MSGHDR_SIZE, "struct msghdr"), Holds.MSGHDR),
                    msgFlags("sendmsg(2)"), recvSendFlags(),
                    field("buf_index", BUF_INDEX, NUMBER, "with FIXED_BUF: the registered buffer the iovecs lie in")
                            .when(IOPRIO, RecvSendFlag.FIXED_BUF.value())),
            op(49, "READ_MULTISHOT", "6.7", "read repeatedly into provided buffers",
                    file("file to read from"),
                    field("off", OFF, NUMBER, "file offset; -1 for the current position"),
                    field("rw_flags", OP_FLAGS, flags(FlagSets.RW), "RWF_* flags, as for preadv2"),
                    field("buf_group", BUF_INDEX, NUMBER, "the provided-buffer group to read into (BUFFER_SELECT is required)")),
            op(50, "WAITID", "6.7", "waitid(2)",
                    field("id", SqeSlot.FD, NUMBER, "the pid, pgid or pidfd to wait for (held in fd)"),
                    field("idtype", LEN, NUMBER, "P_ALL 0, P_PID 1, P_PGID 2, P_PIDFD 3"),
                    field("options", FILE_INDEX_U32, NUMBER, "W* options: WEXITED 4, WSTOPPED 2, WCONTINUED 8, WNOWAIT 0x1000000"),
                    field("infop", ADDR2, ADDRESS, "pointer to the siginfo_t to fill")
                            .pointer(WRITES, Extent.fixed(SIGINFO_SIZE, "siginfo_t"))),
            op(51, "FUTEX_WAIT", "6.7", "futex wait", futex("wait while the futex word holds this value")),
            op(52, "FUTEX_WAKE", "6.7", "futex wake", futex("number of waiters to wake")),
            op(53, "FUTEX_WAITV", "6.7", "futex_waitv(2)",
                    field("waiters", ADDR, ADDRESS, "pointer to the struct futex_waitv array")
                            .pointer(READS, Extent.array(LEN, "nr_futexes", FUTEX_WAITV_SIZE, "struct futex_waitv"),
                                    Holds.FUTEX_WAITV),
                    field("nr_futexes", LEN, NUMBER, "number of entries in the array")),
            op(54, "FIXED_FD_INSTALL", "6.8", "install a fixed file as a normal fd",
                    file("the fixed file to install"),
                    field("install_fd_flags", OP_FLAGS, flags(FlagSets.FIXED_FD_INSTALL),
                            "IORING_FIXED_FD_* flags; fd is the fixed-file slot (FIXED_FILE is required)")),
            op(55, "FTRUNCATE", "6.9", "ftruncate(2)",
                    file("file to truncate"),
                    field("length", OFF, NUMBER, "the new size of the file (held in off)")),
            op(56, "BIND", "6.11", "bind(2)",
                    file("the socket"),
                    field("addr", ADDR, ADDRESS, "pointer to the struct sockaddr to bind to")
                            .pointer(READS, Extent.bytesIn(ADDR2, "addrlen")),
                    field("addrlen", ADDR2, NUMBER, "length of addr (a value, not a pointer)")),
            op(57, "LISTEN", "6.11", "listen(2)",
                    file("the socket"),
                    field("backlog", LEN, NUMBER, "length of the queue of pending connections")),
            op(58, "RECV_ZC", "6.15", "zero-copy receive through a zcrx interface queue",
                    file("the socket"),
                    field("len", LEN, NUMBER, "bytes to receive in all; 0 for no limit"),
                    recvSendFlags(),
                    field("zcrx_ifq_idx", FILE_INDEX_U32, NUMBER, "the registered zcrx interface queue to receive through")),
            op(59, "EPOLL_WAIT", "6.15", "epoll_wait(2)",
                    field("epfd", SqeSlot.FD, FD, "the epoll instance").fd(FILE),
                    field("events", ADDR, ADDRESS, "pointer to the struct epoll_event array to fill")
                            .pointer(WRITES, Extent.array(LEN, "maxevents", EPOLL_EVENT_SIZE, "struct epoll_event")),
                    field("maxevents", LEN, NUMBER, "entries in the array")),
            op(60, "READV_FIXED", "6.15", "readv into registered buffers",
                    fields(vectored("read into (addresses inside the registered buffer)", true),
                            registeredBuffer("the iovecs point into"), attributes())),
            op(61, "WRITEV_FIXED", "6.15", "writev from registered buffers",
                    fields(vectored("write from (addresses inside the registered buffer)", false),
                            registeredBuffer("the iovecs point into"), attributes())),
            op(62, "PIPE", "6.16", "pipe2(2)",
                    field("fds", ADDR, ADDRESS, "pointer to the int[2] that receives the read and write ends")
                            .pointer(WRITES, Extent.fixed(8, "int[2]")),
                    field("pipe_flags", OP_FLAGS, NUMBER, "O_CLOEXEC 0x80000, O_NONBLOCK 0x800, O_DIRECT 0x4000, as for pipe2(2)"),
                    fileIndex("install both ends from")),
            op(63, "NOP128", "after 6.18", "NOP in a 128-byte SQE slot (SQE_MIXED rings)", nop()), // 6.18.44 probes last_op 62
            op(64, "URING_CMD128", "after 6.18", "URING_CMD in a 128-byte SQE slot (SQE_MIXED rings)", uringCmd(CMD128)));
}
