package dev.ringside.decoders.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.codec.Bits;
import dev.ringside.decoders.codec.CqeCodec;
import dev.ringside.decoders.codec.Decoded;
import dev.ringside.decoders.codec.SqeCodec;
import dev.ringside.decoders.profile.Profiles;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderersTest {
    /** TIMEOUT with ABS|IMMEDIATE_ARG, 1ms in addr, len 1, user_data 2. */
    static MemorySegment timeoutSqe() {
        MemorySegment sqe = Arena.ofAuto().allocate(64);
        Bits.write(sqe, 0, 1, 11);
        Bits.write(sqe, 16, 8, 1_000_000);
        Bits.write(sqe, 24, 4, 1);
        Bits.write(sqe, 28, 4, 0x81);
        Bits.write(sqe, 32, 8, 2);
        return sqe;
    }

    @Test
    void cLinesUseUapiMembersAndConstantNames() {
        List<String> lines = CRenderer.sqe(timeoutSqe(), Catalog.builtin(), "sqe");
        assertEquals(List.of(
                "sqe->opcode = IORING_OP_TIMEOUT;",
                "sqe->addr = 1000000ULL /* ns */; /* timeout_ns */",
                "sqe->len = 1;",
                "sqe->timeout_flags = IORING_TIMEOUT_ABS | IORING_TIMEOUT_IMMEDIATE_ARG;",
                "sqe->user_data = 2;"), lines);
    }

    @Test
    void cLinesForSqeFlagsResultsAndSplitFields() {
        MemorySegment nop = Arena.ofAuto().allocate(64);
        Bits.write(nop, 1, 1, 0x5);             // IOSQE_FIXED_FILE | IOSQE_IO_LINK
        Bits.write(nop, 24, 4, -5 & 0xffffffffL); // injected result -EIO
        Bits.write(nop, 28, 4, 1);              // IORING_NOP_INJECT_RESULT
        List<String> lines = CRenderer.sqe(nop, Catalog.builtin(), "sqe");
        assertTrue(lines.contains("sqe->flags = IOSQE_FIXED_FILE | IOSQE_IO_LINK;"), lines.toString());
        assertTrue(lines.contains("sqe->len = -EIO; /* result */"), lines.toString());
        assertTrue(lines.contains("sqe->nop_flags = IORING_NOP_INJECT_RESULT;"), lines.toString());

        Catalog bpf = Profiles.builtin("bpf-ext", Map.of(), Catalog.builtin()).applyTo(Catalog.builtin());
        MemorySegment sqe = Arena.ofAuto().allocate(64);
        Bits.write(sqe, 0, 1, 65);
        Bits.write(sqe, 28, 4, (2L << 24) | 0x10);
        assertEquals(List.of("sqe->opcode = IORING_OP_BPF;", "sqe->bpf_op_flags = (2U << IORING_BPF_OP_SHIFT) | 0x10;"),
                CRenderer.sqe(sqe, bpf, "sqe"));
    }

    @Test
    void jsonHasEveryFieldWithUnsignedRawValues() throws Exception {
        MemorySegment cqe = Arena.ofAuto().allocate(16);
        Bits.write(cqe, 0, 8, -1L);
        Bits.write(cqe, 8, 4, -62 & 0xffffffffL);
        Decoded d = CqeCodec.decode(cqe);
        JsonNode json = new ObjectMapper().readTree(JsonRenderer.render(d));
        assertEquals("io_uring_cqe", json.get("struct").asText());
        JsonNode user = json.get("fields").get(0);
        assertEquals("user_data", user.get("name").asText());
        assertEquals("18446744073709551615", user.get("raw").bigIntegerValue().toString());
        assertEquals(0, user.get("offset").asInt());
        assertEquals(8, user.get("size").asInt());
        JsonNode res = json.get("fields").get(1);
        assertEquals("-62 ETIME", res.get("text").asText());

        JsonNode sqe = new ObjectMapper().readTree(JsonRenderer.render(SqeCodec.decode(timeoutSqe(), Catalog.builtin())));
        JsonNode ns = null;
        for (JsonNode f : sqe.get("fields")) {
            if (f.get("name").asText().equals("timeout_ns")) {
                ns = f;
            }
        }
        assertEquals("addr", ns.get("uapi_name").asText());
        assertEquals(16, ns.get("offset").asInt());
    }
}
