package dev.ringside.decoders.codec;

import dev.ringside.decoders.values.ValueException;

import java.util.HexFormat;

/** Byte arrays typed and shown as hex in memory order: {@code 0x0102ff}, {@code 01:02:ff} or {@code 0102ff}. */
public final class HexBytes {
    private HexBytes() {
    }

    /** The bytes of {@code text}, at most {@code max} of them; a bad value is a one-line {@link ValueException}. */
    public static byte[] parse(String name, String text, int max) {
        String trimmed = text.trim();
        String digits = (trimmed.startsWith("0x") || trimmed.startsWith("0X") ? trimmed.substring(2) : trimmed)
                .replace(":", "").replace("_", "");
        if (digits.isEmpty() || digits.length() % 2 != 0 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new ValueException(name + " takes bytes in hex, two digits each, in memory order"
                    + " (0x0102ff or 01:02:ff); '" + text + "' is not");
        }
        byte[] bytes = HexFormat.of().parseHex(digits);
        if (bytes.length > max) {
            throw new ValueException(name + " holds " + max + " bytes; '" + text + "' has " + bytes.length);
        }
        return bytes;
    }

    /** {@code 0x0102} for bytes 01 02 then zeros, with how many zero bytes follow; all zero is {@code 0}. */
    public static String format(byte[] bytes) {
        int used = bytes.length;
        while (used > 0 && bytes[used - 1] == 0) {
            used--;
        }
        if (used == 0) {
            return "0 (" + bytes.length + " zero bytes)";
        }
        String hex = "0x" + HexFormat.of().formatHex(bytes, 0, used);
        return used == bytes.length ? hex : hex + " (then " + (bytes.length - used) + " zero bytes)";
    }
}
