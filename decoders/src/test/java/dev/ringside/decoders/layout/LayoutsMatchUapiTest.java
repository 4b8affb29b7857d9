package dev.ringside.decoders.layout;

import dev.ringside.decoders.uapi.UapiTsv;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.UnionLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every row of layouts.tsv (the C compiler's offsets) against {@link UapiLayouts}, one test per row.
 *
 * <p>How tsv spellings map to layout elements (the tsv of Linux 7.2.13's installed headers):
 * <ul>
 *   <li>{@code resv[3]} is a sequence element {@code resv} of 3 elements; flexible arrays of values
 *       ({@code cmd[0]} of the SQE, {@code big_cqe[]} of the CQE) have no bytes and no row;</li>
 *   <li>a member of a nested named struct is written with its path, flattened in place:
 *       {@code sq_off.head}, {@code zc_export.zcrx_fd}; the layouts must nest exactly the members the
 *       tsv's paths name;</li>
 *   <li>a flexible array of structs ({@code ops[]}, {@code bufs[]}, {@code restrictions[]}) appears in
 *       the tsv as the fields of its first element at the array's offset: {@code ops.op};</li>
 *   <li>the {@code in} column: {@code union} when any enclosing level is a union, {@code anon-struct}
 *       when the field sits in a nested struct only, empty at the top level;</li>
 *   <li>row k of a struct is leaf k of the layout: the tsv is in declaration order.</li>
 * </ul>
 */
class LayoutsMatchUapiTest {
    private static final String TSV = "/uapi/layouts.tsv";
    private static final String SIZEOF = "(sizeof)";
    private static final Pattern ARRAY = Pattern.compile("(.+)\\[(\\d*)]");

    /** A tsv row: struct, field as spelled in the tsv, offset ("-" for sizeof), size, C type, in. */
    record LayoutRow(int line, String struct, String field, String offset, long size, String type, String in) {
        static LayoutRow of(UapiTsv.Row row) {
            return new LayoutRow(row.line(), row.cell(0), row.cell(1), row.cell(2), Long.parseLong(row.cell(3)),
                    row.cell(4), row.cell(5));
        }

        boolean isSizeof() {
            return field.equals(SIZEOF);
        }

        /** The member's path without an array count: {@code zc_export.__resv1} for {@code zc_export.__resv1[11]}. */
        String path() {
            Matcher m = ARRAY.matcher(field);
            return m.matches() ? m.group(1) : field;
        }

        /** The element count of an array spelling ({@code []} and {@code [0]} are 0), empty for a scalar. */
        Optional<Long> arrayCount() {
            Matcher m = ARRAY.matcher(field);
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(m.group(2).isEmpty() ? 0L : Long.parseLong(m.group(2)));
        }
    }

    /**
     * One leaf of a layout as the tsv sees C: value fields and value arrays, nested structs flattened,
     * arrays of structs expanded to their first element.
     *
     * @param arrayCount element count for a value array, empty for a scalar
     */
    record Leaf(String path, String name, long offset, long size, Optional<Long> arrayCount, boolean inUnion) {
        /** The path as the tsv writes it: the first element of an array of structs is {@code ops.op}, not {@code ops[].op}. */
        String tsvPath() {
            return path.replace("[].", ".");
        }

        /** A flexible array of values ({@code cmd[0]}, {@code big_cqe[]}): no bytes, so no row in the tsv. */
        boolean isFlexibleValueArray() {
            return size == 0 && arrayCount.isPresent();
        }
    }

    static List<Leaf> leaves(GroupLayout layout) {
        List<Leaf> out = new ArrayList<>();
        collect(layout, "", 0, false, out, new LinkedHashSet<>());
        return out.stream().filter(l -> !l.isFlexibleValueArray()).toList();
    }

    /** The nested members a layout has ({@code sq_off}, {@code ops} for ops[]), as the tsv's paths name them. */
    static Set<String> nestedMembers(GroupLayout layout) {
        Set<String> nested = new LinkedHashSet<>();
        collect(layout, "", 0, false, new ArrayList<>(), nested);
        Set<String> out = new LinkedHashSet<>();
        nested.forEach(n -> out.add(n.replace("[]", "")));
        return out;
    }

    /** Every path prefix of the rows' fields: {@code sq_off} for {@code sq_off.head}. */
    static Set<String> nestedInTsv(List<LayoutRow> rows) {
        Set<String> out = new LinkedHashSet<>();
        for (LayoutRow row : rows) {
            String path = row.path();
            for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', dot + 1)) {
                out.add(path.substring(0, dot));
            }
        }
        return out;
    }

    private static void collect(GroupLayout group, String prefix, long base, boolean inUnion,
                                List<Leaf> out, Set<String> nested) {
        boolean union = group instanceof UnionLayout;
        long offset = base;
        for (MemoryLayout member : group.memberLayouts()) {
            long at = union ? base : offset;
            offset = union ? offset : offset + member.byteSize();
            boolean shared = inUnion || union;
            if (member instanceof GroupLayout nestedGroup) {
                Optional<String> name = member.name();
                name.ifPresent(n -> nested.add(prefix + n));
                collect(nestedGroup, name.map(n -> prefix + n + ".").orElse(prefix), at, shared, out, nested);
            } else if (member instanceof SequenceLayout seq && seq.elementLayout() instanceof GroupLayout element) {
                String name = prefix + member.name().orElseThrow() + "[]";
                nested.add(name);
                collect(element, name + ".", at, shared, out, nested);
            } else if (member.name().isPresent()) {
                String name = member.name().get();
                Optional<Long> count = member instanceof SequenceLayout seq
                        ? Optional.of(seq.elementCount()) : Optional.empty();
                out.add(new Leaf(prefix + name, name, at, member.byteSize(), count, shared));
            }
        }
    }

    private static Map<String, List<LayoutRow>> rowsByStruct() {
        Map<String, List<LayoutRow>> byStruct = new LinkedHashMap<>();
        for (UapiTsv.Row row : UapiTsv.read(TSV)) {
            LayoutRow r = LayoutRow.of(row);
            byStruct.computeIfAbsent(r.struct(), k -> new ArrayList<>()).add(r);
        }
        return byStruct;
    }

    @TestFactory
    List<DynamicNode> everyRowOfLayoutsTsvMatches() {
        List<DynamicNode> structs = new ArrayList<>();
        rowsByStruct().forEach((struct, rows) -> structs.add(DynamicContainer.dynamicContainer(struct, structTests(struct, rows))));
        return structs;
    }

    private static List<DynamicNode> structTests(String struct, List<LayoutRow> rows) {
        Optional<StructLayout> layout = UapiLayouts.named(struct);
        List<Leaf> leaves = layout.map(LayoutsMatchUapiTest::leaves).orElse(List.of());
        List<DynamicNode> tests = new ArrayList<>();
        int index = 0;
        for (LayoutRow row : rows) {
            if (row.isSizeof()) {
                tests.add(DynamicTest.dynamicTest("sizeof (line " + row.line() + ")", () -> {
                    StructLayout l = layout.orElseThrow(() -> new AssertionError(missing(struct)));
                    assertEquals(row.size(), l.byteSize(), "sizeof(struct " + struct + ")");
                }));
                continue;
            }
            Optional<Leaf> leaf = index < leaves.size() ? Optional.of(leaves.get(index)) : Optional.empty();
            index++;
            String label = row.field() + " @" + row.offset() + leaf.map(l -> " -> " + l.tsvPath()).orElse("")
                    + " (line " + row.line() + ")";
            tests.add(DynamicTest.dynamicTest(label, () -> checkField(struct, layout, row, leaf)));
        }
        int rowCount = index;
        tests.add(DynamicTest.dynamicTest("no fields beyond the tsv", () -> {
            layout.orElseThrow(() -> new AssertionError(missing(struct)));
            assertEquals(rowCount, leaves.size(), struct + ": the layout has fields the tsv does not list: "
                    + leaves.subList(Math.min(rowCount, leaves.size()), leaves.size()));
        }));
        Set<String> nested = nestedInTsv(rows);
        tests.add(DynamicTest.dynamicTest("nests exactly " + nested, () -> {
            StructLayout l = layout.orElseThrow(() -> new AssertionError(missing(struct)));
            assertEquals(nested, nestedMembers(l), struct + ": nested members the tsv's paths name");
        }));
        return tests;
    }

    private static void checkField(String struct, Optional<StructLayout> layout, LayoutRow row, Optional<Leaf> leaf) {
        layout.orElseThrow(() -> new AssertionError(missing(struct)));
        Leaf l = leaf.orElseThrow(() -> new AssertionError(struct + " has no field " + row.field()
                + " (line " + row.line() + "): the layout has fewer fields than the tsv"));
        assertEquals(row.path(), l.tsvPath(), struct + ": field in declaration order at line " + row.line());
        assertEquals(row.arrayCount(), l.arrayCount(), struct + "." + l.path() + ": array element count");
        assertEquals(Long.parseLong(row.offset()), l.offset(), struct + "." + l.path() + ": offset");
        assertEquals(row.size(), l.size(), struct + "." + l.path() + ": size");
        switch (row.in()) {
            case "union" -> assertTrue(l.inUnion(), struct + "." + l.path() + " should be inside a union");
            case "anon-struct", "" -> assertTrue(!l.inUnion(), struct + "." + l.path() + " should not be inside a union");
            default -> fail("layouts.tsv line " + row.line() + ": unknown 'in' value '" + row.in() + "'");
        }
    }

    private static String missing(String struct) {
        return "UapiLayouts has no struct " + struct + " (add it and list it in UapiLayouts.all())";
    }

    @Test
    void everyLayoutIsInTheTsvAndNamedUniquely() {
        Set<String> tsvStructs = rowsByStruct().keySet();
        Set<String> seen = new LinkedHashSet<>();
        for (StructLayout layout : UapiLayouts.all()) {
            String name = layout.name().orElseThrow(() -> new AssertionError("an unnamed layout in all()"));
            if (!seen.add(name)) {
                fail("struct " + name + " is listed twice in UapiLayouts.all()");
            }
            assertTrue(tsvStructs.contains(name), "struct " + name + " is not in layouts.tsv");
        }
        assertEquals(tsvStructs, seen, "UapiLayouts.all() against the structs of layouts.tsv");
    }

    @Test
    void namedAcceptsTheStructKeyword() {
        assertEquals(Optional.of(UapiLayouts.IO_URING_BUF_REG), UapiLayouts.named("struct io_uring_buf_reg"));
        assertEquals(Optional.empty(), UapiLayouts.named("io_uring_nonesuch"));
    }

    @Test
    void sqeOpFlagsShowFullWidthFirst() {
        // raw decoding shows the first member of a union: it must be the 32-bit rw_flags, not poll_events
        assertEquals("rw_flags", LayoutPaths.fields(UapiLayouts.IO_URING_SQE).stream()
                .filter(f -> f.offset() == 28).findFirst().orElseThrow().name());
    }
}
