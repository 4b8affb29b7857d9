package dev.ringside.decoders.catalog;

/**
 * A field of an SQE as the user names it, resolved to its bytes: a per-opcode name
 * ({@code timeout_flags}), a common one ({@code user_data}) or a raw uapi member ({@code addr2}).
 *
 * @param name     the name the user used
 * @param uapiName the uapi member whose bytes these are
 * @param offset   byte offset in the SQE
 * @param size     bytes
 * @param signed   whether the C type is signed
 */
public record SqeField(String name, String uapiName, long offset, long size, boolean signed,
                       FieldType type, String doc) {

    static SqeField of(FieldSpec spec) {
        SqeSlot slot = spec.slot();
        return new SqeField(spec.name(), slot.uapiName(), slot.offset(), slot.size(), slot.signed(), spec.type(), spec.doc());
    }

    /** True when the two fields share any byte: setting one replaces the other. */
    public boolean overlaps(SqeField other) {
        return offset < other.offset + other.size && other.offset < offset + size;
    }
}
