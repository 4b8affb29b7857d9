package dev.ringside.decoders.layout;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;

/**
 * A struct a script can build ({@code struct NAME TYPE ...}): its layout with the C member names, the
 * C spelling and header that declare it, and each member's {@link MemberKind}, declared together row by row.
 *
 * @param name   what scripts call it: {@code iovec}, {@code sockaddr_in}, {@code io_uring_query_hdr}
 * @param cType  {@code struct iovec}, {@code siginfo_t}
 * @param header the header that declares it, for the C export and the oracle test
 * @param kinds  member path (as {@link LayoutPaths#fields} names it) -> kind
 */
public record TypedStruct(String name, String cType, String header, StructLayout layout, Map<String, MemberKind> kinds) {
    public TypedStruct {
        kinds = Map.copyOf(kinds);
    }

    public long size() {
        return layout.byteSize();
    }

    /** Every named leaf member in declaration order, nested structs flattened ({@code stx_atime.tv_sec}). */
    public List<LayoutPaths.Field> fields() {
        return LayoutPaths.fields(layout);
    }

    /** The members a script may set or check: all but the reserved ones. */
    public List<LayoutPaths.Field> settable() {
        return fields().stream().filter(f -> !(kind(f.path()) instanceof MemberKind.Reserved)).toList();
    }

    public Optional<LayoutPaths.Field> field(String path) {
        return fields().stream().filter(f -> f.path().equals(path)).findFirst();
    }

    public MemberKind kind(String path) {
        return kinds.getOrDefault(path, new MemberKind.Number(false));
    }

    /** The pointer members, in declaration order. */
    public List<LayoutPaths.Field> pointers() {
        return fields().stream().filter(f -> kind(f.path()) instanceof MemberKind.Pointer).toList();
    }

    /** Rows of members, each declared once with its layout and kind; offsets follow C's natural alignment unless padded explicitly. */
    static Builder of(String name, String cType, String header) {
        return new Builder(name, cType, header);
    }

    /** Kinds for a struct whose layout is declared elsewhere (the uapi's): unnamed members are plain numbers. */
    static TypedStruct over(StructLayout layout, String header, Map<String, MemberKind> kinds) {
        String name = layout.name().orElseThrow();
        Map<String, MemberKind> all = new LinkedHashMap<>();
        for (LayoutPaths.Field f : LayoutPaths.fields(layout)) {
            all.put(f.path(), kinds.getOrDefault(f.path(), f.name().startsWith("__") ? new MemberKind.Reserved()
                    : new MemberKind.Number(UapiLayouts.isSigned(layout, f.name()))));
        }
        return new TypedStruct(name, "struct " + name, header, layout, all);
    }

    static final class Builder {
        private final String name;
        private final String cType;
        private final String header;
        private final List<MemoryLayout> members = new ArrayList<>();
        private final Map<String, MemberKind> kinds = new LinkedHashMap<>();
        private long offset;

        private Builder(String name, String cType, String header) {
            this.name = name;
            this.cType = cType;
            this.header = header;
        }

        Builder member(MemoryLayout layout, MemberKind kind) {
            long align = layout.byteAlignment();
            if (offset % align != 0) {
                pad(align - offset % align);
            }
            members.add(layout);
            kinds.put(layout.name().orElseThrow(), kind);
            offset += layout.byteSize();
            return this;
        }

        Builder u16(String member) {
            return member(ValueLayout.JAVA_SHORT.withName(member), new MemberKind.Number(false));
        }

        Builder u32(String member) {
            return member(ValueLayout.JAVA_INT.withName(member), new MemberKind.Number(false));
        }

        Builder s32(String member) {
            return member(ValueLayout.JAVA_INT.withName(member), new MemberKind.Number(true));
        }

        Builder u64(String member) {
            return member(ValueLayout.JAVA_LONG.withName(member), new MemberKind.Number(false));
        }

        Builder s64(String member) {
            return member(ValueLayout.JAVA_LONG.withName(member), new MemberKind.Number(true));
        }

        Builder flags(MemoryLayout layout, dev.ringside.decoders.flags.FlagSet set) {
            return member(layout, new MemberKind.Flags(set));
        }

        /** A pointer member (8 bytes) to {@code target}, reaching as far as {@code lengthMember} says in {@code unit}. */
        Builder pointer(String member, String target, String lengthMember, MemberKind.Unit unit) {
            return member(ValueLayout.JAVA_LONG.withName(member), new MemberKind.Pointer(target, lengthMember, unit));
        }

        /** A length member of {@code size} bytes (4 or 8) for the pointer member {@code pointer}. */
        Builder length(String member, int size, String pointer) {
            return member((size == 4 ? ValueLayout.JAVA_INT : ValueLayout.JAVA_LONG).withName(member), new MemberKind.Length(pointer));
        }

        /** A big-endian (network order) number: sin_port, sin6_flowinfo. */
        Builder network(ValueLayout layout, String member) {
            return member(layout.withOrder(ByteOrder.BIG_ENDIAN).withName(member), new MemberKind.Number(false));
        }

        Builder bytes(String member, long count, MemberKind kind) {
            return member(sequenceLayout(count, ValueLayout.JAVA_BYTE).withName(member), kind);
        }

        /** A named nested struct: its members become {@code member.inner} with their kinds. */
        Builder nested(String member, TypedStruct inner) {
            member(inner.layout().withName(member), new MemberKind.Number(false));
            kinds.remove(member);
            inner.kinds().forEach((path, kind) -> kinds.put(member + "." + path, kind));
            return this;
        }

        Builder pad(long bytes) {
            members.add(paddingLayout(bytes));
            offset += bytes;
            return this;
        }

        /** Pads to {@code size} (the C sizeof, trailing padding included) and builds. */
        TypedStruct build(long size) {
            if (offset < size) {
                pad(size - offset);
            }
            StructLayout layout = MemoryLayout.structLayout(members.toArray(MemoryLayout[]::new)).withName(name);
            return new TypedStruct(name, cType, header, layout, kinds);
        }
    }
}
