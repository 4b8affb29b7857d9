package dev.ringside.decoders.register;

import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.uapi.UapiTsv;
import org.junit.jupiter.api.Test;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The register catalogue against the uapi facts (the project's copy of /work/shared/uapi): each opcode's
 * number is its constants.tsv value, the catalogue has exactly the opcodes below IORING_REGISTER_LAST,
 * and every struct an opcode's argument holds or points to has the C compiler's offset and size for each
 * field in layouts.tsv, and its sizeof.
 */
class RegisterOpcodesMatchUapiTest {
    private static Map<String, Long> constants() {
        Map<String, Long> out = new HashMap<>();
        for (UapiTsv.Row row : UapiTsv.read("/uapi/constants.tsv")) {
            out.put(row.cell(0), new BigInteger(row.cell(2).substring(2), 16).longValue());
        }
        return out;
    }

    @Test
    void everyOpcodeNumberIsItsUapiValue() {
        Map<String, Long> constants = constants();
        List<String> wrong = new ArrayList<>();
        for (RegisterOpcode op : RegisterOpcodes.ALL) {
            Long value = constants.get(op.cName());
            if (value == null || value != op.number()) {
                wrong.add(op.cName() + ": catalogue " + op.number() + ", constants.tsv " + value);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theCatalogueHoldsExactlyTheOpcodesBelowRegisterLast() {
        long last = constants().get("IORING_REGISTER_LAST");
        assertEquals(last, RegisterOpcodes.ALL.size(), "one declaration per opcode 0..IORING_REGISTER_LAST-1");
        for (int n = 0; n < last; n++) {
            assertEquals(n, RegisterOpcodes.ALL.get(n).number(), "in number order");
        }
    }

    @Test
    void theRegisterOpcodeFlagSetIsTheCatalogue() {
        assertEquals(RegisterOpcodes.ALL.stream().map(RegisterOpcode::cName).toList(),
                FlagSets.REGISTER_OP.flags().stream().map(f -> f.cName()).toList());
        assertEquals(RegisterOpcodes.ALL.stream().map(RegisterOpcode::since).toList(),
                FlagSets.REGISTER_OP.flags().stream().map(f -> f.since()).toList());
    }

    /** layouts.tsv rows by struct name ("struct zcrx_ctrl" is spelled with its keyword there). */
    private static Map<String, List<UapiTsv.Row>> layoutRows() {
        Map<String, List<UapiTsv.Row>> out = new HashMap<>();
        for (UapiTsv.Row row : UapiTsv.read("/uapi/layouts.tsv")) {
            String struct = row.cell(0).startsWith("struct ") ? row.cell(0).substring("struct ".length()) : row.cell(0);
            out.computeIfAbsent(struct, s -> new ArrayList<>()).add(row);
        }
        return out;
    }

    /**
     * Offset and size of a tsv path; the tsv writes a member of the first element of a flexible array
     * of structs as {@code ops.op}, found here in the array's element layout.
     */
    private static Optional<long[]> find(StructLayout layout, String path) {
        Optional<LayoutPaths.Field> direct = LayoutPaths.fields(layout).stream().filter(f -> f.path().equals(path)).findFirst();
        if (direct.isPresent()) {
            return Optional.of(new long[]{direct.get().offset(), direct.get().size()});
        }
        int dot = path.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return LayoutPaths.find(layout, path.substring(0, dot))
                .filter(f -> f.layout() instanceof SequenceLayout s && s.elementLayout() instanceof GroupLayout)
                .flatMap(f -> LayoutPaths.find((GroupLayout) ((SequenceLayout) f.layout()).elementLayout(), path.substring(dot + 1))
                        .map(inner -> new long[]{f.offset() + inner.offset(), inner.size()}));
    }

    @Test
    void everyArgumentStructHasTheUapiOffsetsAndSizes() {
        Map<String, List<UapiTsv.Row>> rows = layoutRows();
        Set<StructLayout> layouts = new LinkedHashSet<>();
        RegisterOpcodes.ALL.forEach(op -> layouts.addAll(op.arg().layouts()));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (StructLayout layout : layouts) {
            String name = layout.name().orElseThrow();
            if (layout == RegisterOpcodes.IOVEC) {
                continue; // libc's struct, not a uapi one: the strace oracle (RegisterStraceTest in shell) checks it
            }
            List<UapiTsv.Row> structRows = rows.get(name);
            assertFalse(structRows == null, name + " is not in layouts.tsv");
            for (UapiTsv.Row row : structRows) {
                String field = row.cell(1);
                long size = Long.parseLong(row.cell(3));
                if (field.equals("(sizeof)")) {
                    // io_uring_probe's ops[] is a flexible array: the header alone
                    if (layout.byteSize() != size) {
                        wrong.add(name + " sizeof: tsv " + size + ", layout " + layout.byteSize());
                    }
                    checked++;
                    continue;
                }
                String path = field.replaceFirst("\\[\\d*]$", "");
                long offset = Long.parseLong(row.cell(2));
                Optional<long[]> f = find(layout, path);
                if (f.isEmpty()) {
                    wrong.add(name + "." + field + ": not in the layout");
                    continue;
                }
                if (f.get()[0] != offset || f.get()[1] != size) {
                    wrong.add(name + "." + field + ": tsv offset " + offset + " size " + size + ", layout offset "
                            + f.get()[0] + " size " + f.get()[1]);
                }
                checked++;
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(checked > 100, "rows compared: " + checked);
    }
}
