package dev.ringside.decoders.flags;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.codec.CqeCodec;
import dev.ringside.decoders.uapi.UapiTsv;
import dev.ringside.decoders.values.UapiConstants;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every row of constants.tsv (each #define and enum member of the uapi header) must have a home in
 * the Java tables, with the same value: a flag set member (by cName), an opcode of the built-in
 * catalogue, or a {@link UapiConstants} field. A row without a home fails.
 */
class ConstantsMatchUapiTest {
    private static final String TSV = "/uapi/constants.tsv";

    /** Where a constant lives in Java, for messages: "flag set 'timeout flag'", "opcode", "UapiConstants". */
    record Home(String where, long value) {
    }

    /** A tsv row: name and value; the value is read from the hex column since some exceed Long.MAX_VALUE. */
    record ConstantRow(int line, String name, long value) {
        static ConstantRow of(UapiTsv.Row row) {
            long decimal = Long.parseUnsignedLong(row.cell(1));
            String hex = row.cell(2);
            long fromHex = Long.parseUnsignedLong(hex.substring(2), 16);
            if (decimal != fromHex) {
                throw new IllegalStateException("constants.tsv line " + row.line() + ": value and hex disagree");
            }
            return new ConstantRow(row.line(), row.cell(0), decimal);
        }
    }

    static List<ConstantRow> rows() {
        return UapiTsv.read(TSV).stream().map(ConstantRow::of).toList();
    }

    /** Every constant the Java tables define, by C name; a name may have several homes that must agree. */
    static Map<String, List<Home>> homes() {
        Map<String, List<Home>> homes = new LinkedHashMap<>();
        for (FlagSet set : FlagSets.all()) {
            if (FlagSets.FROM_SYSTEM_HEADERS.contains(set)) {
                continue; // not io_uring's: SystemHeaderFlagsTest checks them against this machine's headers
            }
            for (Flag flag : set.flags()) {
                homes.computeIfAbsent(flag.cName(), k -> new ArrayList<>())
                        .add(new Home("flag set '" + set.name() + "'", flag.value()));
            }
        }
        for (Opcode op : Catalog.builtin().opcodes()) {
            homes.computeIfAbsent(op.cName(), k -> new ArrayList<>()).add(new Home("opcode catalogue", op.number()));
        }
        UapiConstants.all().forEach((name, value) ->
                homes.computeIfAbsent(name, k -> new ArrayList<>()).add(new Home("UapiConstants", value)));
        return homes;
    }

    @TestFactory
    List<DynamicTest> everyRowOfConstantsTsvHasAHomeWithItsValue() {
        Map<String, List<Home>> homes = homes();
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.name() + " (line " + row.line() + ")", () -> {
            List<Home> found = homes.getOrDefault(row.name(), List.of());
            assertFalse(found.isEmpty(), row.name() + " has no home: add a row to a FlagSets table, the opcode catalogue "
                    + "or UapiConstants");
            for (Home home : found) {
                assertEquals(row.value(), home.value(), row.name() + " in " + home.where()
                        + " (tsv 0x" + Long.toHexString(row.value()) + ", Java 0x" + Long.toHexString(home.value()) + ")");
            }
        })).toList();
    }

    @Test
    void everyJavaConstantIsInTheTsv() {
        // a name the header does not have is a typo or a guess
        Set<String> tsvNames = new HashSet<>();
        rows().forEach(r -> tsvNames.add(r.name()));
        List<String> unknown = homes().keySet().stream().filter(name -> !tsvNames.contains(name)).toList();
        assertEquals(List.of(), unknown, "constants in the Java tables that constants.tsv does not have");
    }

    @TestFactory
    List<DynamicTest> everyOpcodeOfTheTsvIsInTheCatalogue() {
        Catalog catalog = Catalog.builtin();
        return rows().stream()
                .filter(r -> r.name().startsWith("IORING_OP_") && !r.name().equals("IORING_OP_LAST"))
                .map(row -> DynamicTest.dynamicTest(row.name() + " = " + row.value(), () -> {
                    Opcode op = catalog.opcode((int) row.value()).orElseThrow(() -> new AssertionError(
                            "the catalogue has no opcode " + row.value() + " (" + row.name() + ")"));
                    assertEquals(row.name(), op.cName(), "opcode " + row.value());
                }))
                .toList();
    }

    @Test
    void theCatalogueHasExactlyTheOpcodesBelowOpLast() {
        List<Integer> numbers = Catalog.builtin().opcodes().stream().map(Opcode::number).sorted().toList();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < UapiConstants.IORING_OP_LAST; i++) {
            expected.add(i);
        }
        assertEquals(expected, numbers, "built-in opcodes against 0 .. IORING_OP_LAST - 1");
    }

    @Test
    void enumerationsEndJustBeforeTheirLastMarker() {
        assertEquals(UapiConstants.IORING_REGISTER_LAST, FlagSets.REGISTER_OP.flags().size());
        assertEquals(UapiConstants.IORING_REGISTER_LAST - 1, FlagSets.REGISTER_OP.flags().getLast().value());
        assertEquals(UapiConstants.IORING_RESTRICTION_LAST, FlagSets.RESTRICTION_OP.flags().size());
        assertEquals(UapiConstants.__ZCRX_CTRL_LAST, FlagSets.ZCRX_CTRL_OP.flags().size());
        assertEquals(UapiConstants.__ZCRX_EVENT_TYPE_LAST, FlagSets.ZCRX_EVENT_TYPE.flags().size());
        assertEquals(UapiConstants.__IO_URING_QUERY_MAX, FlagSets.QUERY_OP.flags().size());
        assertEquals(UapiConstants.IORING_MOCK_FEAT_END, FlagSets.MOCK_FEATURE.flags().size());
    }

    @Test
    void registerOpcodesAreInNumberOrder() {
        List<Flag> ops = FlagSets.REGISTER_OP.flags();
        for (int i = 0; i < ops.size(); i++) {
            assertEquals(i, ops.get(i).value(), ops.get(i).name());
        }
    }

    @Test
    void sqeFlagBitNumbersMatchTheFlags() {
        Map<SqeFlag, Long> bits = Map.of(
                SqeFlag.FIXED_FILE, UapiConstants.IOSQE_FIXED_FILE_BIT,
                SqeFlag.IO_DRAIN, UapiConstants.IOSQE_IO_DRAIN_BIT,
                SqeFlag.IO_LINK, UapiConstants.IOSQE_IO_LINK_BIT,
                SqeFlag.IO_HARDLINK, UapiConstants.IOSQE_IO_HARDLINK_BIT,
                SqeFlag.ASYNC, UapiConstants.IOSQE_ASYNC_BIT,
                SqeFlag.BUFFER_SELECT, UapiConstants.IOSQE_BUFFER_SELECT_BIT,
                SqeFlag.CQE_SKIP_SUCCESS, UapiConstants.IOSQE_CQE_SKIP_SUCCESS_BIT);
        assertEquals(FlagSets.SQE.flags().size(), bits.size(), "a bit number for every IOSQE flag");
        bits.forEach((flag, bit) -> assertEquals(1L << bit, flag.value(), flag.name()));
    }

    @Test
    void cqeCodecUsesTheUapiBufferShift() {
        assertEquals(UapiConstants.IORING_CQE_BUFFER_SHIFT, CqeCodec.BUFFER_SHIFT);
    }

    @Test
    void bitSetsHoldSingleBitsAndValueSetsDistinctValues() {
        for (FlagSet set : FlagSets.all()) {
            Set<Long> values = new HashSet<>();
            for (Flag flag : set.flags()) {
                if (set.kind() == FlagSet.Kind.BITS) {
                    assertEquals(1, Long.bitCount(flag.value()), set.name() + " " + flag.name() + " is not one bit");
                }
                assertTrue(values.add(flag.value()), set.name() + " has two members worth " + flag.value());
            }
        }
    }

    @Test
    void flagSetNamesAreUnique() {
        Set<String> names = new HashSet<>();
        FlagSets.all().forEach(set -> assertTrue(names.add(set.name()), "two flag sets called " + set.name()));
    }
}
