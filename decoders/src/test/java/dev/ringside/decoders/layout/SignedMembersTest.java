package dev.ringside.decoders.layout;

import dev.ringside.decoders.codec.StructDecoder;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The signed members UapiLayouts names are exactly the rows of layouts.tsv with a signed C type. */
class SignedMembersTest {
    static boolean signedType(String cType) {
        return cType.startsWith("__s") || cType.equals("__kernel_time64_t") || cType.equals("long long int")
                || cType.equals("int") || cType.equals("long int");
    }

    @Test
    void everyRowAgreesWithTheCType() throws IOException {
        try (BufferedReader tsv = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("/uapi/layouts.tsv")), StandardCharsets.UTF_8))) {
            tsv.readLine();
            for (String line = tsv.readLine(); line != null; line = tsv.readLine()) {
                String[] cols = line.split("\t", -1);
                if (cols[1].startsWith("(")) {
                    continue;
                }
                // the bare member name: isSigned takes tv_sec for ts.tv_sec, resv2 for restrictions.resv2[3]
                String path = cols[1].replaceAll("\\[.*", "");
                String member = path.substring(path.lastIndexOf('.') + 1);
                assertEquals(signedType(cols[4]), UapiLayouts.isSigned(cols[0], member), line);
            }
        }
    }

    @Test
    void aSignedMemberDecodesNegative() {
        MemorySegment reg = MemorySegment.ofArray(new byte[(int) UapiLayouts.named("io_uring_sync_cancel_reg").orElseThrow().byteSize()]);
        long fdOffset = LayoutPaths.offset(UapiLayouts.named("io_uring_sync_cancel_reg").orElseThrow(), "fd");
        reg.set(ValueLayout.JAVA_INT_UNALIGNED, fdOffset, -1);
        var decoded = StructDecoder.decode(UapiLayouts.named("io_uring_sync_cancel_reg").orElseThrow(), reg, "t", Map.of());
        assertEquals("-1", decoded.field("fd").orElseThrow().text());
    }
}
