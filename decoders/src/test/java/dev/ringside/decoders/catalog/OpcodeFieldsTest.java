package dev.ringside.decoders.catalog;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shape of the declarations: every opcode has fields, and no two readings of one opcode fight over bytes. */
class OpcodeFieldsTest {
    private static final Map<String, LayoutPaths.Field> SQE_MEMBERS = LayoutPaths.fields(UapiLayouts.IO_URING_SQE).stream()
            .collect(Collectors.toMap(LayoutPaths.Field::name, Function.identity(), (a, b) -> a));

    @Test
    void everyOpcodeFromNopToUringCmd128DeclaresFields() {
        List<Integer> numbers = Opcodes.ALL.stream().map(Opcode::number).toList();
        for (int n = 0; n <= 64; n++) {
            assertTrue(numbers.contains(n), "opcode " + n + " is missing");
        }
        List<String> bare = Opcodes.ALL.stream().filter(op -> op.fields().isEmpty()).map(Opcode::name).toList();
        assertEquals(List.of(), bare, "opcodes without fields");
    }

    @Test
    void unconditionedFieldsOfAnOpcodeShareNoBytes() {
        List<String> clashes = new ArrayList<>();
        for (Opcode op : Opcodes.ALL) {
            List<FieldSpec> plain = op.fields().stream().filter(f -> f.when().isEmpty()).toList();
            for (int i = 0; i < plain.size(); i++) {
                for (int j = i + 1; j < plain.size(); j++) {
                    if (overlap(plain.get(i).slot(), plain.get(j).slot())) {
                        clashes.add(op.name() + ": " + plain.get(i).name() + " and " + plain.get(j).name());
                    }
                }
            }
        }
        assertEquals(List.of(), clashes);
    }

    /** A reading chosen by a flag must not hide bytes an always-present field shows. */
    @Test
    void conditionedFieldsOnlyOverlapOtherConditionedFields() {
        List<String> clashes = new ArrayList<>();
        for (Opcode op : Opcodes.ALL) {
            for (FieldSpec conditioned : op.fields().stream().filter(f -> f.when().isPresent()).toList()) {
                op.fields().stream().filter(f -> f.when().isEmpty() && overlap(f.slot(), conditioned.slot()))
                        .forEach(f -> clashes.add(op.name() + ": " + conditioned.name() + " and " + f.name()));
            }
        }
        assertEquals(List.of(), clashes);
    }

    @Test
    void aNameRepeatsOnlyAsReadingsSelectedByACondition() {
        List<String> repeats = new ArrayList<>();
        for (Opcode op : Opcodes.ALL) {
            Set<String> seen = new HashSet<>();
            for (FieldSpec f : op.fields()) {
                if (!seen.add(f.name()) && f.when().isEmpty()) {
                    repeats.add(op.name() + "." + f.name());
                }
            }
        }
        assertEquals(List.of(), repeats);
    }

    /** Naming a field after a uapi member (addr, msg_flags, file_index) promises those bytes. */
    @Test
    void aFieldNamedAfterAnSqeMemberSitsOnThatMember() {
        List<String> wrong = new ArrayList<>();
        for (Opcode op : Opcodes.ALL) {
            for (FieldSpec f : op.fields()) {
                LayoutPaths.Field member = SQE_MEMBERS.get(f.name());
                if (member != null && member.offset() != f.slot().offset()) {
                    wrong.add(op.name() + "." + f.name() + " at " + f.slot().offset() + ", member at " + member.offset());
                }
                if (member != null && member.size() > 0 && member.size() != f.slot().size()) {
                    wrong.add(op.name() + "." + f.name() + " is " + f.slot().size() + " bytes, member " + member.size());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** A per-opcode field may take a common name (ioprio as flags) only for the common field's own bytes. */
    @Test
    void aCommonNameIsReusedOnlyForItsOwnBytes() {
        List<String> wrong = new ArrayList<>();
        for (Opcode op : Opcodes.ALL) {
            for (FieldSpec f : op.fields()) {
                Catalog.COMMON_FIELDS.stream().filter(c -> c.name().equals(f.name()) && c.slot().offset() != f.slot().offset())
                        .forEach(c -> wrong.add(op.name() + "." + f.name()));
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyFieldSaysWhatItMeans() {
        List<String> undocumented = Opcodes.ALL.stream().flatMap(op -> op.fields().stream()
                .filter(f -> f.doc().isBlank()).map(f -> op.name() + "." + f.name())).toList();
        assertEquals(List.of(), undocumented);
    }

    private static boolean overlap(SqeSlot a, SqeSlot b) {
        return a.offset() < b.offset() + b.size() && b.offset() < a.offset() + a.size();
    }
}
