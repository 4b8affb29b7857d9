package dev.ringside.decoders.codec;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.render.TextRenderer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bytes from a kernel (or a bug) are never trusted: decoding any bytes names fields and never throws. */
class DecodeNeverThrowsPropertiesTest {
    private static final Catalog CATALOG = Catalog.builtin();

    @Property
    void anySqeDecodes(@ForAll @Size(64) byte[] bytes) {
        decodeSqe(bytes);
    }

    @Property
    void anySqe128Decodes(@ForAll @Size(128) byte[] bytes) {
        decodeSqe(bytes);
    }

    /** Random bytes rarely carry a known opcode; this property makes most of them known ones. */
    @Property
    void anySqeOfAKnownOpcodeDecodes(@ForAll @Size(64) byte[] bytes, @ForAll @IntRange(min = 0, max = 70) int opcode) {
        bytes[0] = (byte) opcode;
        Decoded decoded = decodeSqe(bytes);
        assertEquals(CATALOG.opcodeName(opcode), decoded.title());
    }

    private static Decoded decodeSqe(byte[] bytes) {
        Decoded decoded = SqeCodec.decode(MemorySegment.ofArray(bytes), CATALOG);
        TextRenderer.render(decoded);
        return decoded;
    }

    @Property
    void anyCqeDecodes(@ForAll @Size(16) byte[] bytes) {
        Decoded decoded = CqeCodec.decode(MemorySegment.ofArray(bytes));
        TextRenderer.oneLine(decoded);
    }

    @Property
    void anyCqe32Decodes(@ForAll @Size(32) byte[] bytes) {
        CqeCodec.decode(MemorySegment.ofArray(bytes));
    }

    @Provide
    Arbitrary<StructLayout> structs() {
        return Arbitraries.of(UapiLayouts.all());
    }

    @Property
    void anyStructDecodes(@ForAll("structs") StructLayout layout, @ForAll @Size(128) byte[] bytes) {
        MemorySegment segment = MemorySegment.ofArray(Arrays.copyOf(bytes, (int) layout.byteSize()));
        Decoded decoded = StructDecoder.decode(layout, segment, layout.name().orElseThrow(), Map.of());
        TextRenderer.render(decoded);
        long shown = LayoutPaths.fields(layout).stream().filter(f -> f.size() > 0).count();
        assertEquals(shown, decoded.fields().size(), "every non-empty field of " + layout.name().orElseThrow());
    }
}
