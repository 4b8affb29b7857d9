package dev.ringside.decoders.codec;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.ValueException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StructTypesTest {
    @Test
    void everyFlagAndOpcodeFieldNamedExistsInItsLayoutAndSet() {
        StructTypes.FLAG_FIELDS.forEach((struct, fields) -> fields.forEach((path, set) -> {
            var layout = UapiLayouts.named(struct).orElseThrow(() -> new AssertionError("no struct " + struct));
            assertTrue(LayoutPaths.fields(layout).stream().anyMatch(f -> f.path().equals(path)), struct + "." + path);
            Catalog.builtin().flagSet(set);
        }));
        StructTypes.OPCODE_FIELDS.forEach((struct, path) -> assertTrue(LayoutPaths.fields(UapiLayouts.named(struct).orElseThrow())
                .stream().anyMatch(f -> f.path().equals(path)), struct + "." + path));
    }

    @Test
    void everyNameDecodesZeroBytesOfItsSize() {
        for (String name : StructTypes.names()) {
            long size = StructTypes.layout(name).byteSize();
            if (size > 0) {
                Decoded d = StructTypes.decode(name, Arena.ofAuto().allocate(size), Catalog.builtin());
                assertTrue(d.struct().startsWith("io_") || d.struct().startsWith("zcrx") || d.struct().startsWith("__"), d.struct());
            }
        }
    }

    @Test
    void paramsShowSetupFlagsAndFeatures() {
        MemorySegment p = Arena.ofAuto().allocate(UapiLayouts.IO_URING_PARAMS);
        Bits.write(p, 8, 4, (1 << 12) | (1 << 13));
        Bits.write(p, 20, 4, 1);
        Decoded d = StructTypes.decode("params", p, Catalog.builtin());
        assertEquals("SINGLE_ISSUER|DEFER_TASKRUN", d.field("flags").orElseThrow().text());
        assertEquals("SINGLE_MMAP", d.field("features").orElseThrow().text());
    }

    @Test
    void shortAndPrefixedNamesAndErrors() {
        assertEquals("io_uring_buf_reg", StructTypes.layout("buf_reg").name().orElseThrow());
        assertEquals("io_uring_cqe", StructTypes.layout("struct io_uring_cqe").name().orElseThrow());
        ValueException e = assertThrows(ValueException.class, () -> StructTypes.layout("sqee"));
        assertTrue(e.getMessage().startsWith("unknown struct 'sqee'") && e.getMessage().contains("valid: cqe, params, sqe"), e.getMessage());
        assertEquals("io_uring_cqe is 16 bytes; got 20, not a multiple of it",
                assertThrows(ValueException.class, () -> StructTypes.decodeAll("cqe", Arena.ofAuto().allocate(20), Catalog.builtin())).getMessage());
        assertEquals(2, StructTypes.decodeAll("cqe", Arena.ofAuto().allocate(32), Catalog.builtin()).size());
    }
}
