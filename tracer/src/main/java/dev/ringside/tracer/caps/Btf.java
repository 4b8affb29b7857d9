package dev.ringside.tracer.caps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named structs (with their member names) and enumerators of a raw BTF blob such as
 * /sys/kernel/btf/vmlinux (linux/btf.h: a header, the type section, the string section).
 */
public record Btf(Map<String, List<String>> structs, Map<String, Long> enumerators, Map<String, Map<String, Long>> memberBits) {
    public static final Path VMLINUX = Path.of("/sys/kernel/btf/vmlinux");
    private static final int MAGIC = 0xeB9F;

    /** The running kernel's BTF, when /sys/kernel/btf/vmlinux is there and readable. */
    public static Optional<Btf> kernel() {
        try {
            return Files.isReadable(VMLINUX) ? Optional.of(parse(Files.readAllBytes(VMLINUX))) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The bit offset of {@code member} in struct {@code struct}, if the BTF has both. */
    public Optional<Long> memberBitOffset(String struct, String member) {
        return Optional.ofNullable(memberBits.get(struct)).map(m -> m.get(member));
    }

    /** The members of struct {@code name}, if the BTF has it. */
    public Optional<List<String>> struct(String name) {
        return Optional.ofNullable(structs.get(name));
    }

    public static Btf parse(byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        if (blob.length < 24 || Short.toUnsignedInt(b.getShort(0)) != MAGIC) {
            throw new IllegalArgumentException("not BTF: no magic 0xeb9f");
        }
        int hdrLen = b.getInt(4);
        int typeStart = hdrLen + b.getInt(8);
        int typeEnd = typeStart + b.getInt(12);
        int strStart = hdrLen + b.getInt(16);
        Map<String, List<String>> structs = new HashMap<>();
        Map<String, Long> enumerators = new LinkedHashMap<>();
        Map<String, Map<String, Long>> memberBits = new HashMap<>();
        for (int p = typeStart; p < typeEnd; ) {
            int info = b.getInt(p + 4);
            int kind = (info >>> 24) & 0x1f;
            int vlen = info & 0xffff;
            int members = p + 12;
            if (kind == 4) { // STRUCT: name_off, type, offset per member
                String name = cString(blob, strStart + b.getInt(p));
                List<String> names = new ArrayList<>();
                Map<String, Long> bits = new LinkedHashMap<>();
                boolean bitfields = (info >>> 31) != 0;
                for (int i = 0; i < vlen; i++) {
                    String member = cString(blob, strStart + b.getInt(members + 12 * i));
                    names.add(member);
                    long offset = Integer.toUnsignedLong(b.getInt(members + 12 * i + 8));
                    // with kind_flag the low 24 bits are the offset, the high 8 a bitfield's size
                    bits.put(member, bitfields ? offset & 0xffffff : offset);
                }
                if (!name.isEmpty() && !structs.containsKey(name)) {
                    structs.put(name, List.copyOf(names));
                    memberBits.put(name, java.util.Collections.unmodifiableMap(bits));
                }
            } else if (kind == 6) { // ENUM: name_off, val per member
                for (int i = 0; i < vlen; i++) {
                    enumerators.put(cString(blob, strStart + b.getInt(members + 8 * i)), (long) b.getInt(members + 8 * i + 4));
                }
            }
            p = members + switch (kind) {
                case 1, 14, 17 -> 4;               // INT, VAR, DECL_TAG
                case 3 -> 12;                      // ARRAY
                case 4, 5, 15, 19 -> 12 * vlen;    // STRUCT, UNION, DATASEC, ENUM64
                case 6, 13 -> 8 * vlen;            // ENUM, FUNC_PROTO
                default -> 0;                      // PTR, FWD, TYPEDEF, qualifiers, FUNC, FLOAT, TYPE_TAG
            };
        }
        return new Btf(structs, enumerators, memberBits);
    }

    private static String cString(byte[] blob, int at) {
        int end = at;
        while (end < blob.length && blob[end] != 0) {
            end++;
        }
        return new String(blob, at, end - at, StandardCharsets.US_ASCII);
    }
}
