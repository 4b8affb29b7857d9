package dev.ringside.shell.command.struct;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.MemberKind;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One member's bytes read and written by its layout (size and byte order: sin_port is big-endian) and
 * its value as text both ways by its kind: numbers, flag names, IPv4/IPv6 addresses, paths.
 * Pointers and lengths that name buffers ({@code @b+4}, {@code @b.len}) are resolved by {@link StructBuilder}.
 */
final class MemberValues {
    private MemberValues() {
    }

    /** The member's value as an unsigned (or, for signed kinds, sign-extended) number; 0 for byte arrays. */
    static long read(MemorySegment m, long base, LayoutPaths.Field f, MemberKind kind) {
        if (!(f.layout() instanceof ValueLayout v)) {
            return 0;
        }
        long at = base + f.offset();
        int size = (int) v.byteSize();
        long value = 0;
        boolean big = v.order() == ByteOrder.BIG_ENDIAN;
        for (int i = 0; i < size; i++) {
            long b = m.get(ValueLayout.JAVA_BYTE, at + (big ? i : size - 1 - i)) & 0xff;
            value = value << 8 | b;
        }
        if (kind instanceof MemberKind.Number n && n.signed() && size < 8) {
            value = value << (64 - size * 8) >> (64 - size * 8);
        }
        return value;
    }

    static void write(MemorySegment m, long base, LayoutPaths.Field f, long value) {
        ValueLayout v = (ValueLayout) f.layout();
        long at = base + f.offset();
        int size = (int) v.byteSize();
        boolean big = v.order() == ByteOrder.BIG_ENDIAN;
        for (int i = 0; i < size; i++) {
            m.set(ValueLayout.JAVA_BYTE, at + (big ? size - 1 - i : i), (byte) (value >>> (8 * i)));
        }
    }

    /** Refuses a number that does not fit the member: {@code sin_port=70000}. */
    static long fitting(LayoutPaths.Field f, MemberKind kind, long value, String word) {
        int bits = (int) f.size() * 8;
        if (bits < 64) {
            boolean signed = kind instanceof MemberKind.Number n && n.signed();
            long min = signed ? -(1L << (bits - 1)) : -(1L << (bits - 1)); // negative patterns of the width are allowed (-1)
            long max = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
            if (value < min || value > max) {
                throw new ValueException(word + ": " + f.path() + " is " + f.size() + " bytes: " + min + ".." + max);
            }
        }
        return value;
    }

    /** A plain or flag member's value from its text. */
    static long number(MemberKind kind, String text) {
        if (kind instanceof MemberKind.Flags flags) {
            return flags.set().parse(text);
        }
        return Values.parseLong(text);
    }

    /** The bytes of an address, path or byte-array member from its text. */
    static byte[] bytes(LayoutPaths.Field f, MemberKind kind, String text) {
        byte[] out = new byte[(int) f.size()];
        byte[] given = switch (kind) {
            case MemberKind.Ipv4 ignored -> address(text, 4);
            case MemberKind.Ipv6 ignored -> address(text, 16);
            case MemberKind.Path ignored -> {
                byte[] path = text.getBytes(StandardCharsets.UTF_8);
                if (path.length >= out.length) {
                    throw new ValueException(f.path() + " holds " + (out.length - 1) + " bytes and a NUL, not " + path.length);
                }
                yield path;
            }
            default -> throw new ValueException(f.path() + " is reserved: the kernel wants it zero");
        };
        System.arraycopy(given, 0, out, 0, given.length);
        return out;
    }

    private static byte[] address(String text, int length) {
        try {
            // a literal only: never a name lookup
            byte[] a = InetAddress.ofLiteral(text).getAddress();
            if (a.length != length) {
                throw new IllegalArgumentException();
            }
            return a;
        } catch (IllegalArgumentException e) {
            throw new ValueException("'" + text + "' is not an " + (length == 4 ? "IPv4 address (127.0.0.1)" : "IPv6 address (::1)"));
        }
    }

    /** How {@code struct show} and {@code $NAME.FIELD} write a member's current value. */
    static String format(MemorySegment m, long base, LayoutPaths.Field f, MemberKind kind) {
        return switch (kind) {
            case MemberKind.Ipv4 ignored -> text(m, base, f, false);
            case MemberKind.Ipv6 ignored -> text(m, base, f, false);
            case MemberKind.Path ignored -> text(m, base, f, true);
            case MemberKind.Flags flags -> flags.set().format(read(m, base, f, kind));
            case MemberKind.Pointer ignored -> "0x" + Long.toHexString(read(m, base, f, kind));
            case MemberKind.Number n when n.signed() -> Long.toString(read(m, base, f, kind));
            default -> f.layout() instanceof ValueLayout ? Long.toUnsignedString(read(m, base, f, kind)) : hex(m, base, f);
        };
    }

    private static String text(MemorySegment m, long base, LayoutPaths.Field f, boolean path) {
        byte[] bytes = m.asSlice(base + f.offset(), f.size()).toArray(ValueLayout.JAVA_BYTE);
        if (!path) {
            return bytes.length == 16 ? ipv6(bytes) : (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** RFC 5952: lower-case groups, the longest run of two or more zero groups as {@code ::} ({@code ::1}, {@code fe80::1}). */
    private static String ipv6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (a[2 * i] & 0xff) << 8 | a[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }

    private static String hex(MemorySegment m, long base, LayoutPaths.Field f) {
        return java.util.HexFormat.of().formatHex(m.asSlice(base + f.offset(), f.size()).toArray(ValueLayout.JAVA_BYTE));
    }
}
