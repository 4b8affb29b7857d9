package dev.ringside.tracer.sys;

import dev.ringside.decoders.flags.FlagBit;
import dev.ringside.decoders.flags.FlagSet;

/** open(2) flags O_*, as x86-64 Linux defines them (asm-generic/fcntl.h); RDONLY is the zero access mode. */
public enum OpenFlag implements FlagBit {
    RDONLY(0),
    WRONLY(01),
    RDWR(02),
    CREAT(0100),
    EXCL(0200),
    NOCTTY(0400),
    TRUNC(01000),
    APPEND(02000),
    NONBLOCK(04000),
    DSYNC(010000),
    DIRECT(040000),
    LARGEFILE(0100000),
    DIRECTORY(0200000),
    NOFOLLOW(0400000),
    NOATIME(01000000),
    CLOEXEC(02000000),
    /** __O_SYNC | O_DSYNC */
    SYNC(04010000),
    PATH(010000000),
    /** __O_TMPFILE | O_DIRECTORY */
    TMPFILE(020200000);

    public static final FlagSet SET = FlagSet.bits("open flag", "O_", values());

    private final long value;

    OpenFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
