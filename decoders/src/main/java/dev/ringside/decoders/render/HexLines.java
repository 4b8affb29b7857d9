package dev.ringside.decoders.render;

import java.util.HexFormat;

/** Bytes as the console shows raw structs under their decoding: 16 a line, each line's offset first. */
public final class HexLines {
    private HexLines() {
    }

    public static String of(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = HexFormat.ofDelimiter(" ");
        for (int off = 0; off < bytes.length; off += 16) {
            out.append(String.format("  %04x  %s%n", off, hex.formatHex(bytes, off, Math.min(bytes.length, off + 16))));
        }
        return out.toString();
    }
}
