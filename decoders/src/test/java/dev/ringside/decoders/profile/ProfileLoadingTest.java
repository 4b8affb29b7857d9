package dev.ringside.decoders.profile;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.decoders.codec.Bits;
import dev.ringside.decoders.codec.Decoded;
import dev.ringside.decoders.codec.FieldValues;
import dev.ringside.decoders.codec.SqeCodec;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.ValueException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileLoadingTest {
    private static final Catalog BASE = Catalog.builtin();

    private static MemorySegment bpfSqe(int opcode, long opFlags) {
        MemorySegment sqe = Arena.ofAuto().allocate(64);
        Bits.write(sqe, 0, 1, opcode);
        Bits.write(sqe, 28, 4, opFlags);
        Bits.write(sqe, 32, 8, 7);
        return sqe;
    }

    @Test
    void shippedBpfProfileAddsOpcodeFlagsAndMember() {
        Profile p = Profiles.builtin("bpf-ext", Map.of(), BASE);
        Catalog c = p.applyTo(BASE);
        assertEquals("BPF", c.opcode(65).orElseThrow().name());
        assertTrue(c.opcode(65).orElseThrow().since().startsWith("proposed"));
        assertEquals(0x200000L, c.flagSet("setup flag").parse("BPF_EXT"));
        assertEquals("IORING_SETUP_BPF_EXT", c.flagSet("setup flag").formatC(0x200000));
        assertEquals(0x40000L, c.flagSet("feature").parse("IORING_FEAT_BPF"));
        assertTrue(c.extraSqeMembers().stream().anyMatch(m -> m.name().equals("bpf_op_flags") && m.offset() == 28 && m.size() == 4));
        assertFalse(p.assumptions().isEmpty(), "the guessed opcode number is declared as an assumption");
    }

    @Test
    void globalFlagSetsAndBuiltinCatalogStayUntouched() {
        Profiles.builtin("bpf-ext", Map.of(), BASE).applyTo(BASE);
        assertTrue(FlagSets.SETUP.member("BPF_EXT").isEmpty());
        assertTrue(BASE.opcode(65).isEmpty());
        assertThrows(ValueException.class, () -> BASE.flagSet("setup flag").parse("BPF_EXT"));
    }

    @Test
    void bpfOpFlagsDecodesAsSubOpAndFlags() {
        Catalog c = Profiles.builtin("bpf-ext", Map.of(), BASE).applyTo(BASE);
        Decoded d = SqeCodec.decode(bpfSqe(0x41, (3L << 24) | 0x5), c);
        assertEquals("BPF", d.title());
        var f = d.field("bpf_op_flags").orElseThrow();
        assertEquals("bpf_op=3 bpf_flags=0x5", f.text());
        assertEquals("bpf_op_flags", f.uapiName());
        assertEquals(28, f.offset());
    }

    @Test
    void withoutTheProfileTheSameBytesAreAnUnknownOpcode() {
        Decoded d = SqeCodec.decode(bpfSqe(0x41, 3L << 24), BASE);
        assertEquals("OP_65", d.title());
        assertTrue(d.field("bpf_op_flags").isEmpty());
    }

    @Test
    void opcodeNumberIsOverriddenWhenLoading() {
        Profile p = Profiles.builtin("bpf-ext", Profiles.spec("bpf-ext:opcode=70").overrides(), BASE);
        Catalog c = p.applyTo(BASE);
        assertEquals("BPF", c.opcode(70).orElseThrow().name());
        assertTrue(c.opcode(65).isEmpty());
        assertEquals(70L, p.parameters().get("opcode"));
        assertTrue(p.summary().contains("opcode=70"), p.summary());
    }

    @Test
    void unknownParameterNamesTheValidOnes() {
        ValueException e = assertThrows(ValueException.class,
                () -> Profiles.builtin("bpf-ext", Map.of("opcod", "70"), BASE));
        assertEquals("bpf-ext: no parameter 'opcod' (valid: opcode)", e.getMessage());
    }

    @Test
    void splitFieldParsesSubOpColonFlags() {
        Catalog c = Profiles.builtin("bpf-ext", Map.of(), BASE).applyTo(BASE);
        SqeField f = c.field(c.opcode("bpf"), "bpf_op_flags");
        assertTrue(f.type() instanceof FieldType.Split);
        assertEquals(new dev.ringside.decoders.catalog.FieldValue.Scalar((3L << 24) | 5), FieldValues.parse(f, "3:0x5"));
        assertThrows(ValueException.class, () -> FieldValues.parse(f, "3:0x1000000"));
    }

    @Test
    void aProfileMayNotReplaceABuiltinOpcode() {
        String json = """
                {"profile": "t", "series": "test", "opcodes": [
                  {"number": 11, "name": "TFLAGS", "since": "proposed: test", "summary": "s", "fields": [
                    {"name": "tflags", "slot": "op_flags", "type": "flags", "flag_set": "timeout flag"}]}]}""";
        ValueException e = assertThrows(ValueException.class, () -> ProfileParser.parse("t.json", json, Map.of(), BASE).applyTo(BASE));
        assertEquals("t: TFLAGS would be opcode 11, which the catalogue has as TIMEOUT; a profile adds opcodes, it does not replace them"
                + " (free from " + BASE.firstFreeOpcode() + ")", e.getMessage());
        assertEquals("TIMEOUT", BASE.opcode(11).orElseThrow().name());
    }

    @Test
    void aProfileLoadsOnceAndUnloadsBackToTheBuiltinCatalogue() {
        Catalog once = Profiles.builtin("bpf-ext", Map.of(), BASE).applyTo(BASE);
        ValueException twice = assertThrows(ValueException.class,
                () -> Profiles.builtin("bpf-ext", Map.of("opcode", "70"), once).applyTo(once));
        assertTrue(twice.getMessage().contains("profile bpf-ext is loaded already (bpf-ext (IORING_OP_BPF v3) opcode=65)"), twice.getMessage());
        assertEquals(1, once.profiles().size());
        Catalog none = once.withoutProfile("bpf-ext");
        assertTrue(none.opcode(65).isEmpty());
        assertTrue(none.profiles().isEmpty());
        assertThrows(ValueException.class, () -> none.flagSet("setup flag").parse("BPF_EXT"));
        assertEquals(BASE.opcodes(), none.opcodes());
    }

    @Test
    void theAssumptionNamesTheNumberActuallyLoaded() {
        Profile p = Profiles.builtin("bpf-ext", Map.of("opcode", "70"), BASE);
        assertTrue(p.assumptions().getFirst().startsWith("IORING_OP_BPF = 70 (0x46) is assumed"), p.assumptions().getFirst());
    }

    @Test
    void newFlagSetIsUsableByTheProfilesOwnFields() {
        String json = """
                {"profile": "t", "series": "test",
                 "flag_sets": [{"name": "demo flag", "prefix": "DEMO_", "kind": "bits",
                                "members": [{"name": "A", "value": 1}, {"name": "DEMO_B", "value": "0x2"}]}],
                 "opcodes": [{"number": 200, "name": "demo", "since": "proposed: t", "summary": "s",
                              "fields": [{"name": "demo_flags", "slot": "rw_flags", "type": "flags", "flag_set": "demo flag"}]}]}""";
        Catalog c = ProfileParser.parse("t.json", json, Map.of(), BASE).applyTo(BASE);
        assertEquals("A|B", c.flagSet("demo flag").format(3));
        assertEquals("DEMO", c.opcode(200).orElseThrow().name());
    }

    private static String error(String json) {
        return assertThrows(ValueException.class, () -> ProfileParser.parse("bad.json", json, Map.of(), BASE)).getMessage();
    }

    @Test
    void badSlotNamesFileFieldAndValidSlots() {
        String msg = error("""
                {"profile": "t", "series": "s", "opcodes": [{"number": 99, "name": "X", "since": "p", "summary": "s",
                 "fields": [{"name": "a", "slot": "addr", "type": "number"}, {"name": "b", "slot": "adr", "type": "number"}]}]}""");
        assertTrue(msg.startsWith("bad.json: opcodes[0].fields[1].slot: unknown slot 'adr'"), msg);
        assertTrue(msg.contains("valid: opcode, flags"), msg);
    }

    @Test
    void otherMalformedProfilesAreOneLineErrors() {
        assertTrue(error("{").startsWith("bad.json: not valid JSON"));
        assertEquals("bad.json: series: missing", error("{\"profile\": \"t\"}"));
        assertTrue(error("{\"profile\": \"t\", \"series\": \"s\", \"opcdes\": []}").startsWith("bad.json: opcdes: unknown key"));
        assertTrue(error("""
                {"profile": "t", "series": "s", "flags": [{"set": "setup flags", "name": "X", "value": 1}]}""")
                .startsWith("bad.json: flags[0].set: unknown flag set 'setup flags'"));
        assertTrue(error("""
                {"profile": "t", "series": "s", "opcodes": [{"number": 300, "name": "X", "since": "p", "summary": "s"}]}""")
                .startsWith("bad.json: opcodes[0].number: opcode 300 does not fit"));
        assertTrue(error("""
                {"profile": "t", "series": "s", "opcodes": [{"number": "$op", "name": "X", "since": "p", "summary": "s"}]}""")
                .startsWith("bad.json: opcodes[0].number: no parameter 'op'"));
        assertTrue(error("""
                {"profile": "t", "series": "s", "sqe_members": [{"name": "m", "offset": 62, "size": 4}]}""")
                .startsWith("bad.json: sqe_members[0].offset: offset 62 + size 4 is outside"));
        assertTrue(error("""
                {"profile": "t", "series": "s", "opcodes": [{"number": 99, "name": "X", "since": "p", "summary": "s",
                 "fields": [{"name": "a", "slot": "addr", "type": "flag"}]}]}""")
                .startsWith("bad.json: opcodes[0].fields[0].type: unknown type 'flag'"));
    }

    @Test
    void everyFieldTypeIsAProfileTypeByItsOwnName() {
        // the type words come from FieldType itself: hex_bytes had been left out of a hand-kept list
        String msg = error("""
                {"profile": "t", "series": "s", "opcodes": [{"number": 99, "name": "X", "since": "p", "summary": "s",
                 "fields": [{"name": "a", "slot": "addr", "type": "flag"}]}]}""");
        assertTrue(msg.endsWith("(valid: number, fd, user_data, result, duration, timespec_pointer, address, hex_bytes, flags, split)"), msg);
        var profile = ProfileParser.parse("t.json", """
                {"profile": "t", "series": "s", "opcodes": [{"number": 99, "name": "X", "since": "p", "summary": "s",
                 "fields": [{"name": "cmd", "slot": "cmd", "type": "hex_bytes"}, {"name": "u", "slot": "user_data", "type": "user_data"}]}]}""",
                Map.of(), BASE);
        var op = profile.opcodes().getFirst();
        assertEquals(FieldType.HEX_BYTES, op.field("cmd").orElseThrow().type());
        assertEquals(FieldType.USER_DATA, op.field("u").orElseThrow().type());
    }

    @Test
    void aFlagAProfileAddsReachesEveryFieldOfThatSet() {
        // the one registry: sqe flags= and timeout_flags= read the catalogue's sets, not the built-in ones
        Profile p = ProfileParser.parse("t.json", """
                {"profile": "t", "series": "s", "flags": [
                  {"set": "sqe flag", "name": "NEW_BIT", "value": "0x80"},
                  {"set": "timeout flag", "name": "LATER", "value": "0x100"}]}""", Map.of(), BASE);
        Catalog c = p.applyTo(BASE);
        var nop = c.opcode("nop");
        var timeout = c.opcode("timeout");
        assertEquals(0x80L, ((FieldType.Flags) c.field(nop, "flags").type()).set().parse("NEW_BIT"));
        assertEquals(0x101L, ((FieldType.Flags) c.field(timeout, "timeout_flags").type()).set()
                .parse("ABS|LATER"));
        assertThrows(ValueException.class, () -> ((FieldType.Flags) BASE.field(nop, "flags").type())
                .set().parse("NEW_BIT"), "the built-in catalogue is untouched");
    }

    @Test
    void unknownBuiltinNamesTheShippedOnes() {
        ValueException e = assertThrows(ValueException.class, () -> Profiles.builtin("bpf", Map.of(), BASE));
        assertTrue(e.getMessage().contains("built-in: bpf-ext"), e.getMessage());
    }
}
