package dev.ringside.decoders.layout;

import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.flags.LibcFlagSets;
import dev.ringside.decoders.layout.MemberKind.Unit;

import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The structs io_uring requests point at beyond the uapi's own, as x86_64 glibc and the kernel lay
 * them out (checked against the system headers by gcc in LibcLayoutsMatchHeadersTest): each member
 * declared once with its kind, pointers with the member that holds their length.
 */
public final class LibcLayouts {
    private LibcLayouts() {
    }

    private static final MemberKind RESERVED = new MemberKind.Reserved();

    public static final TypedStruct IOVEC = TypedStruct.of("iovec", "struct iovec", "sys/uio.h")
            .pointer("iov_base", MemberKind.Pointer.BYTES, "iov_len", Unit.BYTES)
            .length("iov_len", 8, "iov_base")
            .build(16);

    public static final TypedStruct MSGHDR = TypedStruct.of("msghdr", "struct msghdr", "sys/socket.h")
            .pointer("msg_name", "sockaddr", "msg_namelen", Unit.BYTES)
            .length("msg_namelen", 4, "msg_name")
            .pointer("msg_iov", "iovec", "msg_iovlen", Unit.ENTRIES)
            .length("msg_iovlen", 8, "msg_iov")
            .pointer("msg_control", "cmsghdr", "msg_controllen", Unit.BYTES)
            .length("msg_controllen", 8, "msg_control")
            .flags(ValueLayout.JAVA_INT.withName("msg_flags"), LibcFlagSets.MSG)
            .build(56);

    public static final TypedStruct CMSGHDR = TypedStruct.of("cmsghdr", "struct cmsghdr", "sys/socket.h")
            .u64("cmsg_len")
            .s32("cmsg_level")
            .s32("cmsg_type")
            .build(16);

    public static final TypedStruct SOCKADDR_IN = TypedStruct.of("sockaddr_in", "struct sockaddr_in", "netinet/in.h")
            .flags(ValueLayout.JAVA_SHORT.withName("sin_family"), LibcFlagSets.ADDRESS_FAMILY)
            .network(ValueLayout.JAVA_SHORT, "sin_port")
            .bytes("sin_addr", 4, new MemberKind.Ipv4())
            .bytes("sin_zero", 8, RESERVED)
            .build(16);

    public static final TypedStruct SOCKADDR_IN6 = TypedStruct.of("sockaddr_in6", "struct sockaddr_in6", "netinet/in.h")
            .flags(ValueLayout.JAVA_SHORT.withName("sin6_family"), LibcFlagSets.ADDRESS_FAMILY)
            .network(ValueLayout.JAVA_SHORT, "sin6_port")
            .network(ValueLayout.JAVA_INT, "sin6_flowinfo")
            .bytes("sin6_addr", 16, new MemberKind.Ipv6())
            .u32("sin6_scope_id")
            .build(28);

    /** sun_path: 108 bytes on Linux (sys/un.h). */
    public static final TypedStruct SOCKADDR_UN = TypedStruct.of("sockaddr_un", "struct sockaddr_un", "sys/un.h")
            .flags(ValueLayout.JAVA_SHORT.withName("sun_family"), LibcFlagSets.ADDRESS_FAMILY)
            .bytes("sun_path", 108, new MemberKind.Path())
            .build(110);

    public static final TypedStruct OPEN_HOW = TypedStruct.of("open_how", "struct open_how", "linux/openat2.h")
            .flags(ValueLayout.JAVA_LONG.withName("flags"), LibcFlagSets.OPEN)
            .u64("mode")
            .flags(ValueLayout.JAVA_LONG.withName("resolve"), LibcFlagSets.RESOLVE)
            .build(24);

    public static final TypedStruct STATX_TIMESTAMP = TypedStruct.of("statx_timestamp", "struct statx_timestamp", "linux/stat.h")
            .s64("tv_sec")
            .u32("tv_nsec")
            .member(ValueLayout.JAVA_INT.withName("__reserved"), RESERVED)
            .build(16);

    /** As this machine's linux/stat.h has it; newer kernels carve stx_subvol and the atomic-write members out of __spare3. */
    public static final TypedStruct STATX = TypedStruct.of("statx", "struct statx", "linux/stat.h")
            .flags(ValueLayout.JAVA_INT.withName("stx_mask"), LibcFlagSets.STATX_MASK)
            .u32("stx_blksize")
            .u64("stx_attributes")
            .u32("stx_nlink")
            .u32("stx_uid")
            .u32("stx_gid")
            .u16("stx_mode")
            .member(ValueLayout.JAVA_SHORT.withName("__spare0"), RESERVED)
            .u64("stx_ino")
            .u64("stx_size")
            .u64("stx_blocks")
            .u64("stx_attributes_mask")
            .nested("stx_atime", STATX_TIMESTAMP)
            .nested("stx_btime", STATX_TIMESTAMP)
            .nested("stx_ctime", STATX_TIMESTAMP)
            .nested("stx_mtime", STATX_TIMESTAMP)
            .u32("stx_rdev_major")
            .u32("stx_rdev_minor")
            .u32("stx_dev_major")
            .u32("stx_dev_minor")
            .u64("stx_mnt_id")
            .u32("stx_dio_mem_align")
            .u32("stx_dio_offset_align")
            .bytes("__spare3", 96, RESERVED)
            .build(256);

    public static final TypedStruct TIMESPEC = TypedStruct.of("timespec", "struct timespec", "time.h")
            .s64("tv_sec")
            .s64("tv_nsec")
            .build(16);

    /** x86_64's struct stat (glibc's, as fstat(2) fills it): st_nlink before st_mode, three timespecs, 24 reserved bytes. */
    public static final TypedStruct STAT = TypedStruct.of("stat", "struct stat", "sys/stat.h")
            .u64("st_dev")
            .u64("st_ino")
            .u64("st_nlink")
            .u32("st_mode")
            .u32("st_uid")
            .u32("st_gid")
            .pad(4)
            .u64("st_rdev")
            .s64("st_size")
            .s64("st_blksize")
            .s64("st_blocks")
            .nested("st_atim", TIMESPEC)
            .nested("st_mtim", TIMESPEC)
            .nested("st_ctim", TIMESPEC)
            .bytes("__glibc_reserved", 24, RESERVED)
            .build(144);

    /** Packed on x86_64 (__EPOLL_PACKED): data sits at offset 4, unaligned. */
    public static final TypedStruct EPOLL_EVENT = TypedStruct.of("epoll_event", "struct epoll_event", "sys/epoll.h")
            .flags(ValueLayout.JAVA_INT.withName("events"), LibcFlagSets.EPOLL)
            .member(ValueLayout.JAVA_LONG_UNALIGNED.withName("data"), new MemberKind.Number(false))
            .build(12);

    public static final TypedStruct FUTEX_WAITV = TypedStruct.of("futex_waitv", "struct futex_waitv", "linux/futex.h")
            .u64("val")
            .pointer("uaddr", "futex word", "flags", Unit.FUTEX_SIZE)
            .flags(ValueLayout.JAVA_INT.withName("flags"), LibcFlagSets.FUTEX2)
            .member(ValueLayout.JAVA_INT.withName("__reserved"), RESERVED)
            .build(24);

    /** The members waitid(2) writes for a child (the _sigchld arm of glibc's _sifields union); 128 bytes in all. */
    public static final TypedStruct SIGINFO = TypedStruct.of("siginfo", "siginfo_t", "signal.h")
            .s32("si_signo")
            .s32("si_errno")
            .s32("si_code")
            .pad(4)
            .s32("si_pid")
            .u32("si_uid")
            .s32("si_status")
            .build(128);

    public static final TypedStruct QUERY_HDR = TypedStruct.over(UapiLayouts.IO_URING_QUERY_HDR, "linux/io_uring/query.h", Map.of(
            "next_entry", new MemberKind.Pointer("io_uring_query_hdr", "", Unit.ONE),
            "query_data", new MemberKind.Pointer(MemberKind.Pointer.BYTES, "size", Unit.BYTES),
            "query_op", new MemberKind.Flags(FlagSets.QUERY_OP),
            "size", new MemberKind.Length("query_data")));
    public static final TypedStruct QUERY_OPCODE = TypedStruct.over(UapiLayouts.IO_URING_QUERY_OPCODE, "linux/io_uring/query.h", Map.of(
            "feature_flags", new MemberKind.Flags(FlagSets.FEATURES),
            "ring_setup_flags", new MemberKind.Flags(FlagSets.SETUP),
            "enter_flags", new MemberKind.Flags(FlagSets.ENTER),
            "sqe_flags", new MemberKind.Flags(FlagSets.SQE)));
    public static final TypedStruct QUERY_ZCRX = TypedStruct.over(UapiLayouts.IO_URING_QUERY_ZCRX, "linux/io_uring/query.h", Map.of());
    public static final TypedStruct QUERY_SCQ = TypedStruct.over(UapiLayouts.IO_URING_QUERY_SCQ, "linux/io_uring/query.h", Map.of());

    private static final List<TypedStruct> ALL = List.of(IOVEC, MSGHDR, CMSGHDR, SOCKADDR_IN, SOCKADDR_IN6, SOCKADDR_UN,
            OPEN_HOW, STATX, STATX_TIMESTAMP, STAT, TIMESPEC, EPOLL_EVENT, FUTEX_WAITV, SIGINFO, QUERY_HDR, QUERY_OPCODE, QUERY_ZCRX, QUERY_SCQ);

    public static List<TypedStruct> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(TypedStruct::name).toList();
    }

    public static Optional<TypedStruct> named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(t -> t.name().equals(lower)).findFirst();
    }

    /** Whether memory built as {@code built} is what a pointer to {@code target} wants ("sockaddr" takes any sockaddr_*). */
    public static boolean fits(String target, String built) {
        return target.equals(built) || target.equals("sockaddr") && built.startsWith("sockaddr_");
    }
}
