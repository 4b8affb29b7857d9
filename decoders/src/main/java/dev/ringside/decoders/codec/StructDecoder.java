package dev.ringside.decoders.codec;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SequenceLayout;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/** Decodes any uapi struct field by field from its layout; callers name how special fields read. */
public final class StructDecoder {
    private StructDecoder() {
    }

    /**
     * @param renderers per field path, how to print it (flag sets, errno); other integers print as numbers
     *                  and arrays as hex bytes
     */
    public static Decoded decode(GroupLayout layout, MemorySegment bytes, String title,
                                 Map<String, LongFunction<String>> renderers) {
        List<DecodedField> out = new ArrayList<>();
        for (LayoutPaths.Field f : LayoutPaths.fields(layout)) {
            if (f.size() == 0) {
                continue;
            }
            if (f.layout() instanceof SequenceLayout) {
                String hex = HexFormat.ofDelimiter(" ").formatHex(bytes.asSlice(f.offset(), f.size()).toArray(
                        java.lang.foreign.ValueLayout.JAVA_BYTE));
                out.add(new DecodedField(f.path(), f.path(), f.offset(), f.size(), 0, hex));
                continue;
            }
            long raw = Bits.read(bytes, f.offset(), f.size());
            String struct = layout.name().orElse("");
            LongFunction<String> plain = UapiLayouts.isSigned(struct, f.name())
                    ? bits -> FieldValues.number(FieldValues.signExtend(bits, f.size())) : FieldValues::number;
            LongFunction<String> renderer = renderers.getOrDefault(f.path(), plain);
            out.add(new DecodedField(f.path(), f.path(), f.offset(), f.size(), raw, renderer.apply(raw)));
        }
        return new Decoded(layout.name().orElse("struct"), title, out);
    }
}
