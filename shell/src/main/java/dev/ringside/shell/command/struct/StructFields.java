package dev.ringside.shell.command.struct;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.LibcLayouts;
import dev.ringside.decoders.layout.MemberKind;
import dev.ringside.decoders.layout.TypedStruct;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.memory.SessionBuffer;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The members of a typed struct buffer as they are now (after the kernel wrote into it too): what
 * {@code struct show}, {@code expect struct} and {@code $NAME.FIELD} read.
 */
public final class StructFields {
    private StructFields() {
    }

    /** The typed struct a buffer holds, if the struct builder made it and nothing wrote it through the console since. */
    public static Optional<TypedStruct> typeOf(SessionBuffer b) {
        return b.built().flatMap(built -> LibcLayouts.named(built.layout()));
    }

    public static TypedStruct typed(Session session, SessionBuffer b) {
        return typeOf(b).orElseThrow(() -> new ConsoleException("buffer " + b.name() + " holds no typed struct"
                + b.built().map(x -> "").orElse(" (or was written through the console since)")
                + "; build one with 'struct NAME TYPE ...'", b.name()));
    }

    public static int entries(SessionBuffer b) {
        return b.built().map(SessionBuffer.Built::entries).orElse(1);
    }

    /** One member of one entry, or an error naming the members. */
    public static LayoutPaths.Field field(TypedStruct type, String member, String word) {
        return type.field(member).filter(f -> !(type.kind(f.path()) instanceof MemberKind.Reserved))
                .orElseThrow(() -> new ConsoleException(type.name() + " has no member '" + member + "'"
                        + dev.ringside.decoders.values.Values.suggestion(member, StructBuilder.names(type))
                        + "; members: " + String.join(", ", StructBuilder.names(type)), word));
    }

    /** A member's value as text: numbers in decimal (ports in host order), flags by name, addresses dotted, paths as text. */
    public static String text(SessionBuffer b, TypedStruct type, int entry, LayoutPaths.Field f) {
        return MemberValues.format(b.segment(), entry * type.size(), f, type.kind(f.path()));
    }

    /** A member's value as a number where it is one (flags and pointers too), else its text: what $NAME.FIELD stands for. */
    public static String value(SessionBuffer b, TypedStruct type, int entry, LayoutPaths.Field f) {
        MemberKind kind = type.kind(f.path());
        return switch (kind) {
            case MemberKind.Number n when n.signed() -> Long.toString(MemberValues.read(b.segment(), entry * type.size(), f, kind));
            case MemberKind.Number n -> Long.toUnsignedString(MemberValues.read(b.segment(), entry * type.size(), f, kind));
            case MemberKind.Flags fl -> Long.toUnsignedString(MemberValues.read(b.segment(), entry * type.size(), f, kind));
            case MemberKind.Length l -> Long.toUnsignedString(MemberValues.read(b.segment(), entry * type.size(), f, kind));
            case MemberKind.Pointer p -> Long.toUnsignedString(MemberValues.read(b.segment(), entry * type.size(), f, kind));
            default -> text(b, type, entry, f);
        };
    }

    /** Every settable member of one entry: path -> text, pointers with the buffer they reach ({@code @a+4}). */
    public static Map<String, String> entry(Session session, SessionBuffer b, TypedStruct type, int entry) {
        Map<String, String> out = new LinkedHashMap<>();
        for (LayoutPaths.Field f : type.settable()) {
            String text = text(b, type, entry, f);
            if (type.kind(f.path()) instanceof MemberKind.Pointer) {
                long address = MemberValues.read(b.segment(), entry * type.size(), f, type.kind(f.path()));
                text = address == 0 ? "NULL" : session.resources().buffers().owner(address)
                        .map(o -> "@" + o.name() + (address == o.address(0) ? "" : "+" + (address - o.address(0))))
                        .orElse(text + " (not in a session buffer)");
            }
            out.put(f.path(), text);
        }
        return out;
    }

    /**
     * The bytes member {@code f} would hold for {@code text}, as the builder would write them: what
     * {@code expect struct} compares, byte for byte (a path up to its NUL).
     */
    public static byte[] expected(Session session, TypedStruct type, LayoutPaths.Field f, String text, String word) {
        StructBuilder.Assignment a = new StructBuilder.Assignment(0, f.path(), text, word);
        MemorySegment one = StructBuilder.scratch(session, type, a);
        byte[] bytes = one.asSlice(f.offset(), f.size()).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        if (type.kind(f.path()) instanceof MemberKind.Path) {
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return java.util.Arrays.copyOf(bytes, Math.min(bytes.length, end + 1));
        }
        return bytes;
    }

    static List<String> typeNames() {
        return LibcLayouts.names();
    }
}
