package dev.ringside.decoders.render;

import dev.ringside.decoders.codec.Decoded;
import dev.ringside.decoders.codec.DecodedField;

import java.util.List;

/** Decoded structs as aligned text, one field per line, the uapi member beside a per-opcode name. */
public final class TextRenderer {
    private TextRenderer() {
    }

    public static String render(Decoded decoded) {
        StringBuilder out = new StringBuilder(decoded.title()).append('\n');
        fields(decoded.fields(), "  ", out);
        return out.toString();
    }

    public static void fields(List<DecodedField> fields, String indent, StringBuilder out) {
        int width = fields.stream().mapToInt(f -> f.name().length()).max().orElse(0);
        for (DecodedField f : fields) {
            out.append(indent).append(pad(f.name(), width)).append("  ").append(f.text());
            if (!f.uapiName().equals(f.name())) {
                out.append("   (").append(f.uapiName()).append(')');
            }
            out.append('\n');
        }
    }

    /** One line: {@code user_data=2 res=-62 ETIME flags=0}. */
    public static String oneLine(Decoded decoded) {
        StringBuilder out = new StringBuilder();
        for (DecodedField f : decoded.fields()) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(f.name()).append('=').append(f.text());
        }
        return out.toString();
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
