package dev.ringside.shell.export;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.decoders.codec.FieldValues;
import dev.ringside.shell.ConsoleException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** export c never writes a timespec pointer where IMMEDIATE_ARG makes the kernel read nanoseconds, whatever journal it is given. */
class SqeCConditionsTest {
    private static final Catalog CATALOG = Catalog.builtin();

    private static final SqeC.Names NAMES = new SqeC.Names() {
        @Override
        public String address(String buffer, long offset) {
            return "buf_" + buffer;
        }

        @Override
        public Optional<String> fd(SqeField field, String text, long bits, boolean fixedFile) {
            return Optional.empty();
        }
    };

    private static List<SqeDraft.Assignment> timeout(String... assignments) {
        Opcode op = CATALOG.opcode("timeout");
        SqeDraft draft = new SqeDraft(op);
        for (String a : assignments) {
            String[] nv = a.split("=", 2);
            SqeField f = CATALOG.field(op, nv[0]);
            draft.set(f, FieldValues.parse(f, nv[1]), nv[1]);
        }
        return draft.assignments();
    }

    @Test
    void aTimespecUnderImmediateArgIsRefused() {
        ConsoleException e = assertThrows(ConsoleException.class, () -> new SqeC(new CConstants())
                .statements(CATALOG.opcode("timeout"), timeout("ts=1ms", "timeout_flags=IMMEDIATE_ARG"), NAMES));
        assertTrue(e.getMessage().startsWith("export c: ts does not apply with timeout_flags=IMMEDIATE_ARG"), e.getMessage());
        assertTrue(e.getMessage().endsWith("write timeout_ns=1ms"), e.getMessage());
    }

    @Test
    void timeoutNsUnderImmediateArgIsWrittenAsNanoseconds() {
        String c = String.join("\n", new SqeC(new CConstants())
                .statements(CATALOG.opcode("timeout"), timeout("timeout_ns=1ms", "timeout_flags=IMMEDIATE_ARG"), NAMES));
        assertFalse(c.contains("&ts_"), c);
        assertTrue(c.contains("1000000"), c);
    }
}
