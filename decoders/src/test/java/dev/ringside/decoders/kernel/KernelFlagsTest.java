package dev.ringside.decoders.kernel;

import dev.ringside.decoders.uapi.UapiTsv;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelFlagsTest {
    private static final String TSV = "/uapi/kernel-internal-7.2.13.tsv";

    @Test
    void thisMachinesReleaseGetsTheExact618Table() {
        ReqFlags.Choice c = ReqFlags.forRelease("6.18.44-fc-v769");
        assertEquals(ReqFlagLayout.V6_18, c.layout().orElseThrow());
        assertTrue(c.exact());
        // values from this kernel's BTF: LINK is bit 2, FAIL bit 8 (bit 7 free), ASYNC_DATA bit 22, SQE_COPIED bit 40
        assertEquals("LINK|FAIL|ASYNC_DATA|SQE_COPIED", c.format((1L << 2) | (1L << 8) | (1L << 22) | (1L << 40)));
        assertEquals(1L << 40, c.flags().parse("REQ_F_SQE_COPIED"));
        assertEquals("0x80", c.format(1L << 7));
        assertEquals("HYBRID_IOPOLL_STATE", c.format(1L << 15));
    }

    @Test
    void release72GetsItsExactTableWithIopoll() {
        assertEquals(1L << 41, ReqFlagLayout.V7_2.flags().parse("IOPOLL"));
        assertEquals("0x20000000000", ReqFlagLayout.V6_18.format(1L << 41));
        ReqFlags.Choice exact = ReqFlags.forRelease("7.2.13+deb14-amd64");
        assertEquals(ReqFlagLayout.V7_2, exact.layout().orElseThrow());
        assertTrue(exact.exact());
        assertEquals("SQE_COPIED|IOPOLL", exact.format(3L << 40));
        ReqFlags.Choice between = ReqFlags.forRelease("7.1.0");
        assertEquals(ReqFlagLayout.V7_2, between.layout().orElseThrow());
        assertFalse(between.exact());
        assertFalse(ReqFlags.forRelease("7.3.1").exact());
    }

    @Test
    void otherReleasesSayTheTableIsUnverified() {
        assertFalse(ReqFlags.forRelease("6.19.2").exact());
        assertEquals(ReqFlagLayout.V6_18, ReqFlags.forRelease("7.0").layout().orElseThrow());
        assertTrue(ReqFlags.forRelease("6.6.30").note().contains("older than 6.18"));
        assertFalse(ReqFlags.forRelease("banana").exact());
    }

    /** Every row of kernel-internal-7.2.13.tsv (read from 7.2.13's BTF) against the 7.2 tables, and nothing more. */
    @TestFactory
    List<DynamicTest> everyRowOfTheKernel72TableMatches() {
        List<UapiTsv.Row> rows = UapiTsv.read(TSV);
        long reqBits = rows.stream().filter(r -> r.cell(0).startsWith("REQ_F_")).count();
        long ringFlags = rows.stream().filter(r -> r.cell(0).startsWith("IO_RING_F_")).count();
        List<DynamicTest> tests = new java.util.ArrayList<>(rows.stream().map(row -> DynamicTest.dynamicTest(row.cell(0), () -> {
            String name = row.cell(0);
            long value = Long.parseLong(row.cell(1));
            if (name.startsWith("REQ_F_")) {
                String flag = name.substring(0, name.length() - "_BIT".length());
                assertEquals(1L << value, ReqFlagLayout.V7_2.flags().parse(flag), name);
            } else {
                assertEquals(value, IoRingCtxFlag.SET.parse(name), name);
            }
        })).toList());
        tests.add(DynamicTest.dynamicTest("no bits beyond the tsv", () -> {
            assertEquals(reqBits, ReqFlagLayout.V7_2.flags().flags().size());
            assertEquals(ringFlags, IoRingCtxFlag.SET.flags().size());
        }));
        return tests;
    }

    @Test
    void the618TableIsThisKernelsBtf() throws IOException {
        Path btf = Path.of("/sys/kernel/btf/vmlinux");
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        Assumptions.assumeTrue(release.startsWith("6.18.") && Files.isReadable(btf), "needs a 6.18 kernel with BTF, this is " + release);
        Map<String, Long> bits = btfEnumerators(Files.readAllBytes(btf), "REQ_F_");
        assertTrue(bits.size() > 30, bits.toString());
        bits.forEach((name, bit) -> assertEquals(1L << bit,
                ReqFlagLayout.V6_18.flags().parse(name.substring(0, name.length() - "_BIT".length())), name));
        assertEquals(bits.size(), ReqFlagLayout.V6_18.flags().flags().size(), "the 6.18 table has bits this kernel lacks");
    }

    /** The enumerators named {@code prefix...} in a raw BTF blob (linux/btf.h: header, types, strings). */
    static Map<String, Long> btfEnumerators(byte[] blob, String prefix) {
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xeB9F, Short.toUnsignedInt(b.getShort(0)), "BTF magic");
        int hdrLen = b.getInt(4);
        int typeStart = hdrLen + b.getInt(8);
        int typeEnd = typeStart + b.getInt(12);
        int strStart = hdrLen + b.getInt(16);
        Map<String, Long> out = new LinkedHashMap<>();
        for (int p = typeStart; p < typeEnd; ) {
            int info = b.getInt(p + 4);
            int kind = (info >>> 24) & 0x1f;
            int vlen = info & 0xffff;
            int members = p + 12;
            if (kind == 6) {
                for (int i = 0; i < vlen; i++) {
                    String name = cString(blob, strStart + b.getInt(members + 8 * i));
                    if (name.startsWith(prefix)) {
                        out.put(name, (long) b.getInt(members + 8 * i + 4));
                    }
                }
            }
            p = members + switch (kind) {
                case 1, 14, 17 -> 4;               // INT, VAR, DECL_TAG
                case 3 -> 12;                      // ARRAY
                case 4, 5, 15, 19 -> 12 * vlen;    // STRUCT, UNION, DATASEC, ENUM64
                case 6, 13 -> 8 * vlen;            // ENUM, FUNC_PROTO
                default -> 0;                      // PTR, FWD, TYPEDEF, qualifiers, FUNC, FLOAT, TYPE_TAG
            };
        }
        return out;
    }

    private static String cString(byte[] blob, int at) {
        int end = at;
        while (blob[end] != 0) {
            end++;
        }
        return new String(blob, at, end - at, StandardCharsets.US_ASCII);
    }
}
