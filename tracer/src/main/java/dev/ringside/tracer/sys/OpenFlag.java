package dev.ringside.tracer.sys;

import dev.ringside.decoders.flags.FlagRef;
import dev.ringside.decoders.flags.FlagSet;

/** open(2) flags O_*, as x86-64 Linux defines them (asm-generic/fcntl.h); RDONLY is the zero access mode. */
public enum OpenFlag implements FlagRef {
    RDONLY, CLOEXEC, NONBLOCK;

    public static final FlagSet SET = FlagSet.bits("open flag", "O_")
            .value(0, "RDONLY")
            .value(01, "WRONLY")
            .value(02, "RDWR")
            .value(0100, "CREAT")
            .value(0200, "EXCL")
            .value(0400, "NOCTTY")
            .value(01000, "TRUNC")
            .value(02000, "APPEND")
            .value(04000, "NONBLOCK")
            .value(010000, "DSYNC")
            .value(040000, "DIRECT")
            .value(0100000, "LARGEFILE")
            .value(0200000, "DIRECTORY")
            .value(0400000, "NOFOLLOW")
            .value(01000000, "NOATIME")
            .value(02000000, "CLOEXEC")
            // __O_SYNC | O_DSYNC
            .value(04010000, "SYNC")
            .value(010000000, "PATH")
            // __O_TMPFILE | O_DIRECTORY
            .value(020200000, "TMPFILE")
            .build();

    @Override
    public FlagSet set() {
        return SET;
    }
}
