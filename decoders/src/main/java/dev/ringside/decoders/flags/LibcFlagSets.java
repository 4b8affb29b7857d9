package dev.ringside.decoders.flags;

/**
 * The flag sets of the libc and uapi structs a script builds ({@code struct}): values from the system
 * headers (linux/stat.h, linux/openat2.h, linux/futex.h, sys/socket.h, asm-generic/fcntl.h, sys/epoll.h),
 * compared with them by gcc in LibcLayoutsMatchHeadersTest.
 */
public final class LibcFlagSets {
    private LibcFlagSets() {
    }

    /** statx.stx_mask and STATX's mask: STATX_*, what was asked for / written. */
    public static final FlagSet STATX_MASK = FlagSet.bits("statx mask", "STATX_")
            .value(0x1, "TYPE").value(0x2, "MODE").value(0x4, "NLINK").value(0x8, "UID").value(0x10, "GID")
            .value(0x20, "ATIME").value(0x40, "MTIME").value(0x80, "CTIME").value(0x100, "INO").value(0x200, "SIZE")
            .value(0x400, "BLOCKS").value(0x800, "BTIME").value(0x1000, "MNT_ID").value(0x2000, "DIOALIGN")
            .build();

    /** open_how.resolve: RESOLVE_*. */
    public static final FlagSet RESOLVE = FlagSet.bits("resolve flag", "RESOLVE_")
            .value(0x01, "NO_XDEV").value(0x02, "NO_MAGICLINKS").value(0x04, "NO_SYMLINKS").value(0x08, "BENEATH")
            .value(0x10, "IN_ROOT").value(0x20, "CACHED")
            .build();

    /** open_how.flags: O_* (O_RDONLY is 0; O_TMPFILE includes O_DIRECTORY and glibc spells O_LARGEFILE 0 on 64-bit, so both are left to numbers). */
    public static final FlagSet OPEN = FlagSet.bits("open flag", "O_")
            .value(01, "WRONLY").value(02, "RDWR").value(0100, "CREAT").value(0200, "EXCL").value(0400, "NOCTTY")
            .value(01000, "TRUNC").value(02000, "APPEND").value(04000, "NONBLOCK").value(010000, "DSYNC")
            .value(040000, "DIRECT").value(0200000, "DIRECTORY").value(0400000, "NOFOLLOW")
            .value(01000000, "NOATIME").value(02000000, "CLOEXEC").value(010000000, "PATH")
            .build();

    /** futex_waitv.flags: FUTEX2_* size code in the low bits, NUMA and PRIVATE. */
    public static final FlagSet FUTEX2 = FlagSet.bits("futex2 flag", "FUTEX2_")
            .value(0x01, "SIZE_U16").value(0x02, "SIZE_U32").value(0x03, "SIZE_U64").value(0x04, "NUMA").value(0x80, "PRIVATE")
            .build();

    /** msghdr.msg_flags (the kernel writes them on recvmsg): MSG_*. */
    public static final FlagSet MSG = FlagSet.bits("msg flag", "MSG_")
            .value(0x1, "OOB").value(0x2, "PEEK").value(0x4, "DONTROUTE").value(0x8, "CTRUNC").value(0x20, "TRUNC")
            .value(0x40, "DONTWAIT").value(0x80, "EOR").value(0x100, "WAITALL").value(0x2000, "ERRQUEUE")
            .value(0x4000, "NOSIGNAL").value(0x8000, "MORE").value(0x40000000, "CMSG_CLOEXEC")
            .build();

    /** epoll_event.events: EPOLL*, the poll bits and the epoll-only ones in the high bits. */
    public static final FlagSet EPOLL = FlagSet.bits("epoll event", "EPOLL")
            .value(0x001, "IN").value(0x002, "PRI").value(0x004, "OUT").value(0x008, "ERR").value(0x010, "HUP")
            .value(0x040, "RDNORM").value(0x080, "RDBAND").value(0x100, "WRNORM").value(0x200, "WRBAND")
            .value(0x400, "MSG").value(0x2000, "RDHUP").value(1L << 28, "EXCLUSIVE").value(1L << 29, "WAKEUP")
            .value(1L << 30, "ONESHOT").value(1L << 31, "ET")
            .build();

    /** sa_family_t: AF_* of the sockaddrs the console builds. */
    public static final FlagSet ADDRESS_FAMILY = FlagSet.values("address family", "AF_")
            .value(0, "UNSPEC").value(1, "UNIX").value(2, "INET").value(10, "INET6")
            .build();
}
