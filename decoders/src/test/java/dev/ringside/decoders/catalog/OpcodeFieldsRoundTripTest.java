package dev.ringside.decoders.catalog;

import dev.ringside.decoders.codec.Bits;
import dev.ringside.decoders.codec.Decoded;
import dev.ringside.decoders.codec.DecodedField;
import dev.ringside.decoders.codec.FieldValues;
import dev.ringside.decoders.codec.HexBytes;
import dev.ringside.decoders.codec.PointerSource;
import dev.ringside.decoders.codec.SqeCodec;
import dev.ringside.decoders.flags.Flag;
import dev.ringside.decoders.values.ValueException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every declared field, typed as a person would, becomes SQE bytes and decodes back under its own name. */
class OpcodeFieldsRoundTripTest {
    private static final Catalog CATALOG = Catalog.builtin();
    private static final long FAKE_TIMESPEC = 0x7f00_0000_1000L;
    private static final String ADDRESS = "0x7f0000002000";

    /** Timespecs live at one fake address; raw addresses pass through (the decoders never dereference them). */
    private static final PointerSource POINTERS = new PointerSource() {
        @Override
        public long timespec(long nanos) {
            return FAKE_TIMESPEC;
        }

        @Override
        public long rawAddress(String field, long address) {
            return address;
        }
    };

    @Test
    void everyFieldOfEveryOpcodeRoundTrips() {
        List<String> failures = new ArrayList<>();
        for (Opcode op : CATALOG.opcodes()) {
            for (FieldSpec spec : op.fields()) {
                String problem = roundTrip(op, spec);
                if (problem != null) {
                    failures.add(op.name() + "." + spec.name() + ": " + problem);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    private static String roundTrip(Opcode op, FieldSpec spec) {
        SqeField field = CATALOG.field(op, spec.name());
        String text = typical(field.type());
        SqeDraft draft = new SqeDraft(op);
        spec.when().filter(FieldSpec.Condition::expected).ifPresent(c -> draft.set(conditionField(c),
                new FieldValue.Scalar(Long.lowestOneBit(c.mask())), "condition"));
        FieldValue value = FieldValues.parse(field, text);
        draft.set(field, value, text);
        MemorySegment sqe = MemorySegment.ofArray(new byte[128]);
        SqeCodec.encode(draft, sqe, POINTERS);
        Decoded decoded = SqeCodec.decode(sqe, CATALOG);
        DecodedField got = decoded.field(spec.name()).orElse(null);
        if (got == null) {
            return "not decoded (" + text + "); got " + decoded.fields().stream().map(DecodedField::name).toList();
        }
        if (got.offset() != field.offset()) {
            return "decoded at offset " + got.offset() + ", declared at " + field.offset();
        }
        return switch (value) {
            case FieldValue.Scalar(long bits) -> got.raw() == mask(bits, field.size()) ? null
                    : "raw " + got.raw() + ", typed " + text + " = " + bits;
            case FieldValue.Timespec t -> got.raw() == FAKE_TIMESPEC ? null : "timespec pointer " + got.raw();
            case FieldValue.RawAddress(long address) -> got.raw() == address ? null : "address " + got.raw();
            case FieldValue.Bytes b -> got.text().equals(HexBytes.format(padded(b.bytes(), field.size()))) ? null
                    : "bytes shown as " + got.text();
            case FieldValue.BufferRef r -> "a buffer reference from a plain value";
        };
    }

    /** The condition's slot as a raw field, so the test can set the selecting flag. */
    private static SqeField conditionField(FieldSpec.Condition c) {
        return new SqeField("condition", c.slot().uapiName(), c.slot().offset(), c.slot().size(), false, FieldType.NUMBER, "");
    }

    private static String typical(FieldType type) {
        return switch (type) {
            case FieldType.Number n -> "7";
            case FieldType.Fd f -> "5";
            case FieldType.UserData u -> "0x1234";
            case FieldType.Flags flags -> flags.set().flags().stream().filter(f -> f.value() != 0)
                    .map(Flag::name).findFirst().orElseThrow();
            case FieldType.Result r -> "-EIO";
            case FieldType.Duration d -> "1ms";
            case FieldType.TimespecPointer t -> "1ms";
            case FieldType.Address a -> ADDRESS;
            case FieldType.HexBytes h -> "0x0102a0ff";
            default -> "3";
        };
    }

    private static long mask(long bits, long size) {
        return size >= 8 ? bits : bits & ((1L << (size * 8)) - 1);
    }

    private static byte[] padded(byte[] bytes, long size) {
        return Arrays.copyOf(bytes, (int) size);
    }

    @Test
    void timeoutWithImmediateArgDecodesNanosecondsNotAPointer() {
        Opcode timeout = CATALOG.opcode("timeout");
        SqeDraft draft = new SqeDraft(timeout);
        set(draft, "timeout_flags", "ABS|IMMEDIATE_ARG");
        set(draft, "timeout_ns", "250us");
        Decoded decoded = encodeDecode(draft, 64);
        assertFalse(decoded.field("ts").isPresent(), "ts shown although IMMEDIATE_ARG is set");
        assertEquals(Duration.ofMillis(0).plusNanos(250_000).toNanos(), decoded.field("timeout_ns").orElseThrow().raw());
        assertEquals("ABS|IMMEDIATE_ARG", decoded.field("timeout_flags").orElseThrow().text());
        assertEquals(1, decoded.field("len").orElseThrow().raw(), "the len preset");
    }

    @Test
    void timeoutWithoutImmediateArgDecodesTheTimespecPointer() {
        SqeDraft draft = new SqeDraft(CATALOG.opcode("timeout"));
        set(draft, "ts", "1ms");
        Decoded decoded = encodeDecode(draft, 64);
        assertEquals(FAKE_TIMESPEC, decoded.field("ts").orElseThrow().raw());
        assertFalse(decoded.field("timeout_ns").isPresent());
    }

    @Test
    void timeoutRemoveUpdateReadsTheNewTimeFromAddr2() {
        SqeDraft draft = new SqeDraft(CATALOG.opcode("timeout_remove"));
        set(draft, "target", "42");
        set(draft, "timeout_flags", "UPDATE|IMMEDIATE_ARG");
        set(draft, "timeout_ns", "2ms");
        MemorySegment sqe = MemorySegment.ofArray(new byte[64]);
        SqeCodec.encode(draft, sqe, POINTERS);
        assertEquals(2_000_000L, Bits.read(sqe, SqeSlot.ADDR2.offset(), 8));
        assertEquals(42L, Bits.read(sqe, SqeSlot.ADDR.offset(), 8));
        DecodedField ns = SqeCodec.decode(sqe, CATALOG).field("timeout_ns").orElseThrow();
        assertEquals("addr2", ns.uapiName());
    }

    @Test
    void sendShowsItsIoprioAsRecvSendFlagsAndBufGroupOnlyWithBufferSelect() {
        SqeDraft draft = new SqeDraft(CATALOG.opcode("send"));
        set(draft, "ioprio", "POLL_FIRST|BUNDLE");
        set(draft, "msg_flags", "0x4000");
        set(draft, "buf_group", "3");
        Decoded plain = encodeDecode(draft, 64);
        assertEquals("POLL_FIRST|BUNDLE", plain.field("ioprio").orElseThrow().text());
        assertFalse(plain.field("buf_group").isPresent(), "buf_group without BUFFER_SELECT");
        set(draft, "flags", "BUFFER_SELECT");
        Decoded selecting = encodeDecode(draft, 64);
        assertEquals(3, selecting.field("buf_group").orElseThrow().raw());
        assertEquals("buf_group", selecting.field("buf_group").orElseThrow().uapiName());
    }

    @Test
    void acceptFlagsAndFileIndexAllocFit() {
        SqeDraft draft = new SqeDraft(CATALOG.opcode("accept"));
        set(draft, "ioprio", "MULTISHOT");
        set(draft, "file_index", "0xffffffff");
        Decoded decoded = encodeDecode(draft, 64);
        assertEquals("MULTISHOT", decoded.field("ioprio").orElseThrow().text());
        assertEquals(0xffffffffL, decoded.field("file_index").orElseThrow().raw());
    }

    @Test
    void renameatTakesAtFdcwdForTheSecondDirfd() {
        SqeDraft draft = new SqeDraft(CATALOG.opcode("renameat"));
        set(draft, "newdirfd", "-100");
        assertEquals("-100", encodeDecode(draft, 64).field("newdirfd").orElseThrow().text());
    }

    @Test
    void msgRingFileIndexBecomesCqeFlagsWithFlagsPass() {
        SqeDraft draft = new SqeDraft(CATALOG.opcode("msg_ring"));
        set(draft, "file_index", "9");
        assertEquals(9, encodeDecode(draft, 64).field("file_index").orElseThrow().raw());
        set(draft, "msg_ring_flags", "FLAGS_PASS");
        Decoded passing = encodeDecode(draft, 64);
        assertEquals(9, passing.field("cqe_flags").orElseThrow().raw());
        assertFalse(passing.field("file_index").isPresent());
    }

    @Test
    void uringCmdDataIsTypedAndShownAsHexInMemoryOrder() {
        SqeDraft draft = new SqeDraft(CATALOG.opcode("uring_cmd"));
        set(draft, "cmd_op", "2");
        set(draft, "cmd", "01:02:03");
        MemorySegment sqe = MemorySegment.ofArray(new byte[64]);
        SqeCodec.encode(draft, sqe, POINTERS);
        assertEquals(0x030201L, Bits.read(sqe, 48, 4), "bytes in memory order from offset 48");
        DecodedField cmd = SqeCodec.decode(sqe, CATALOG).field("cmd").orElseThrow();
        assertEquals("0x010203 (then 13 zero bytes)", cmd.text());
        assertEquals(16, cmd.size());
    }

    @Test
    void uringCmd128HoldsEightyBytesInA128ByteSqe() {
        SqeDraft draft = new SqeDraft(CATALOG.opcode("uring_cmd128"));
        String eighty = "0x" + "ab".repeat(80);
        set(draft, "cmd", eighty);
        assertEquals(eighty, encodeDecode(draft, 128).field("cmd").orElseThrow().text());
        ValueException tooSmall = assertThrows(ValueException.class, () -> encodeDecode(draft, 64));
        assertTrue(tooSmall.getMessage().contains("SQE128"), tooSmall.getMessage());
    }

    @Test
    void badHexSaysWhatItTakes() {
        SqeField cmd = CATALOG.field(CATALOG.opcode("uring_cmd"), "cmd");
        ValueException odd = assertThrows(ValueException.class, () -> FieldValues.parse(cmd, "0x123"));
        assertTrue(odd.getMessage().contains("two digits each"), odd.getMessage());
        ValueException tooLong = assertThrows(ValueException.class, () -> FieldValues.parse(cmd, "00".repeat(17)));
        assertEquals("cmd holds 16 bytes; '" + "00".repeat(17) + "' has 17", tooLong.getMessage());
    }

    @Test
    void pollEventsTakeTheirNamesWithOrWithoutPrefix() {
        SqeDraft draft = new SqeDraft(CATALOG.opcode("poll_add"));
        set(draft, "poll32_events", "POLLIN|rdhup|EPOLLEXCLUSIVE");
        set(draft, "poll_flags", "ADD_MULTI");
        Decoded decoded = encodeDecode(draft, 64);
        assertEquals("IN|RDHUP|EXCLUSIVE", decoded.field("poll32_events").orElseThrow().text());
        assertEquals(0x1000_2001L, decoded.field("poll32_events").orElseThrow().raw());
        assertEquals("ADD_MULTI", decoded.field("poll_flags").orElseThrow().text());
    }

    @Test
    void anUnknownOpcodeDecodesAsRawFields() {
        MemorySegment sqe = MemorySegment.ofArray(new byte[64]);
        Bits.write(sqe, SqeSlot.OPCODE.offset(), 1, 200);
        Bits.write(sqe, SqeSlot.ADDR.offset(), 8, 0x1000);
        Bits.write(sqe, SqeSlot.OP_FLAGS.offset(), 4, 5);
        Decoded decoded = SqeCodec.decode(sqe, CATALOG);
        assertEquals("OP_200", decoded.title());
        assertEquals(0x1000, decoded.field("addr").orElseThrow().raw());
        assertEquals(5, decoded.field("rw_flags").orElseThrow().raw());
    }

    private static void set(SqeDraft draft, String name, String text) {
        SqeField field = CATALOG.field(draft.opcode(), name);
        draft.set(field, FieldValues.parse(field, text), text);
    }

    private static Decoded encodeDecode(SqeDraft draft, int sqeBytes) {
        MemorySegment sqe = MemorySegment.ofArray(new byte[sqeBytes]);
        SqeCodec.encode(draft, sqe, POINTERS);
        return SqeCodec.decode(sqe, CATALOG);
    }
}
