package dev.ringside.decoders.layout;

import dev.ringside.decoders.flags.FlagSet;

/**
 * What a member of a typed struct holds, declared once beside its layout: how {@code struct} parses a
 * value for it, how {@code struct show} prints it, and which members the kernel follows as pointers.
 * Byte order is the layout's own (sin_port is a big-endian u16).
 */
public sealed interface MemberKind {
    /** A plain number. */
    record Number(boolean signed) implements MemberKind {
    }

    /** A number made of named bits or values. */
    record Flags(FlagSet set) implements MemberKind {
    }

    /** How the extent a pointer reaches is counted from its length member. */
    enum Unit {
        /** the length member holds bytes */
        BYTES,
        /** the length member holds a count of {@code target} structs */
        ENTRIES,
        /** the length member holds FUTEX2 flags whose low two bits are the word size code */
        FUTEX_SIZE,
        /** one {@code target} struct; no length member */
        ONE
    }

    /**
     * A user pointer the kernel follows.
     *
     * @param target       a typed struct's name when the memory holds one (its pointers are followed in
     *                     turn), or {@code bytes}
     * @param lengthMember the member that says how far it reaches ("" for {@link Unit#ONE})
     */
    record Pointer(String target, String lengthMember, Unit unit) implements MemberKind {
        public static final String BYTES = "bytes";
    }

    /** The length (or count) of a pointer member: takes {@code @BUF.len} and {@code @V.count}. */
    record Length(String pointer) implements MemberKind {
    }

    /** An IPv4 address in network order: {@code 127.0.0.1}. */
    record Ipv4() implements MemberKind {
    }

    /** An IPv6 address: {@code ::1}. */
    record Ipv6() implements MemberKind {
    }

    /** A NUL-terminated path in a char array: {@code sun_path=/tmp/s}. */
    record Path() implements MemberKind {
    }

    /** Reserved bytes the kernel wants zero. */
    record Reserved() implements MemberKind {
    }
}
