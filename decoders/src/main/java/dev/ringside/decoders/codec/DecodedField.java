package dev.ringside.decoders.codec;

/**
 * One field of a decoded struct.
 *
 * @param name     the name it goes by here (per-opcode name for SQE fields)
 * @param uapiName the C member those bytes are (same as name when there is no per-opcode name)
 * @param offset   byte offset in the struct
 * @param size     bytes
 * @param raw      the bits, zero-extended
 * @param text     the value as people read it (flag names, errno names, durations)
 */
public record DecodedField(String name, String uapiName, long offset, long size, long raw, String text) {
}
