package dev.ringside.tracer.journal;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.FieldValue;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.tracer.ring.RingConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every event's hand-written line ({@link Event#writeLine}) is the line Jackson writes for it ({@link JournalJson#toLine},
 * as the journal wrote it before), byte for byte: each record kind the sealed interface permits, made from awkward values
 * of each of its components' types (every string Jackson escapes, extreme numbers, empty and full lists, nulls).
 */
class EventLinesTest {
    private static final Catalog CATALOG = Catalog.builtin();
    private static final Opcode NOP = CATALOG.opcode("NOP");
    private static final Opcode READ = CATALOG.opcode("READ");
    private static final SqeField USER_DATA = CATALOG.field(NOP, "user_data");
    private static final SqeField ADDR = CATALOG.field(READ, "addr");

    /** Strings of every kind Jackson quotes: quotes, backslashes, each control character, DEL, non-ASCII, a pair, lone surrogates. */
    private static final List<String> STRINGS = List.of("r0", "", "a\"b\\c/d", controls(), "del\u007f ré ☃ \uD83D\uDE00",
            "lone \uD800 high", "lone \uDC00 low", "\uDE00\uD83D reversed", "</script> ~ {}[]", "\u2028\u2029\uFEFF\uFFFF");
    private static final List<Long> LONGS = List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1234567890123L,
            (long) Integer.MIN_VALUE, 9L, 10L, 99L, 100L);
    private static final List<Integer> INTS = List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 99, 100);

    private static String controls() {
        StringBuilder all = new StringBuilder("c");
        for (char c = 0; c < 0x20; c++) {
            all.append(c);
        }
        return all.toString();
    }

    private static List<Event.FieldCheck> fieldChecks() {
        return List.of(new Event.FieldCheck("res", -1L, "=", List.of(0L), true),
                new Event.FieldCheck("flags", Long.MIN_VALUE, "<", List.of(), false),
                new Event.FieldCheck("a\"\n☃", 0L, ">=", List.of(Long.MAX_VALUE, -1L, Long.MIN_VALUE), true),
                new Event.FieldCheck(null, 5L, null, List.of(1L), false));
    }

    private static List<Event.RegisterRef> refs() {
        return List.of(new Event.RegisterRef(0, 8, Event.RegisterSource.ARG, "a", 0),
                new Event.RegisterRef(Integer.MAX_VALUE, Integer.MIN_VALUE, Event.RegisterSource.CONSOLE_FD, "p.r\t\uD83D\uDE00", -5),
                new Event.RegisterRef(-1, 4, null, null, Long.MIN_VALUE));
    }

    private static Map<String, Long> longMap(Object... entries) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], (Long) entries[i + 1]);
        }
        return map;
    }

    private static Map<String, String> stringMap(String... entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put(entries[i], entries[i + 1]);
        }
        return map;
    }

    private static List<SqeDraft.Assignment> assignments(String text) {
        return List.of(new SqeDraft.Assignment(USER_DATA, new FieldValue.Scalar(Long.MIN_VALUE), text),
                new SqeDraft.Assignment(ADDR, new FieldValue.BufferRef(text, -16), "@" + text + "-16"),
                new SqeDraft.Assignment(ADDR, new FieldValue.Bytes(new byte[] {1, (byte) 0xab, 0, (byte) 0x80}), "01ab0080"),
                new SqeDraft.Assignment(ADDR, new FieldValue.RawAddress(-8), "0xfffffffffffffff8"),
                new SqeDraft.Assignment(ADDR, new FieldValue.Timespec(Long.MAX_VALUE), null));
    }

    /** The values each component type takes, by the type's name with its type arguments; a type missing here fails the test. */
    private static final Map<String, List<?>> VALUES = values();

    private static Map<String, List<?>> values() {
        Map<String, List<?>> values = new LinkedHashMap<>();
        values.put("long", LONGS);
        values.put("int", INTS);
        values.put("boolean", List.of(true, false));
        values.put("java.lang.String", STRINGS);
        values.put("byte[]", List.of(new byte[0], new byte[] {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, 0x10}, new byte[64]));
        values.put("java.util.List<java.lang.Long>", List.of(List.of(), List.of(1L), LONGS));
        values.put("java.util.List<java.lang.Integer>", List.of(List.of(), List.of(0), INTS));
        values.put("java.util.List<java.lang.String>", List.of(List.of(), List.of("a"), STRINGS));
        values.put("java.util.Map<java.lang.String, java.lang.Long>", List.of(Map.of(), longMap("head", 3L, "tail", -1L),
                longMap("a\"b\\", Long.MIN_VALUE, "é\uD83D\uDE00\n", Long.MAX_VALUE, "none", null, "", 0L)));
        values.put("java.util.Map<java.lang.String, java.lang.String>", List.of(Map.of(), stringMap("cq_head", "0x1f"),
                stringMap("\n", "\uD83D\uDE00", "none", null, "q\"", "\\\u0001\uD800")));
        values.put("java.util.OptionalLong", List.of(OptionalLong.empty(), OptionalLong.of(0), OptionalLong.of(Long.MIN_VALUE),
                OptionalLong.of(Long.MAX_VALUE), OptionalLong.of(-1)));
        values.put(Event.EnterReason.class.getName(), List.of(Event.EnterReason.values()));
        values.put(RingConfig.class.getName(), List.of(RingConfig.of(8, 0x3000),
                new RingConfig(Integer.MAX_VALUE, Long.MIN_VALUE, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, -1)));
        values.put(Opcode.class.getName(), List.of(NOP, READ));
        List<List<SqeDraft.Assignment>> drafts = new ArrayList<>();
        drafts.add(List.of());
        STRINGS.forEach(text -> drafts.add(assignments(text)));
        values.put("java.util.List<" + SqeDraft.Assignment.class.getTypeName() + ">", drafts);
        values.put(Event.FieldCheck.class.getName(), fieldChecks());
        values.put("java.util.List<" + Event.FieldCheck.class.getTypeName() + ">", List.of(List.of(), fieldChecks(),
                fieldChecks().subList(0, 1)));
        values.put(Event.RegisterRef.class.getName(), refs());
        values.put("java.util.List<" + Event.RegisterArg.class.getTypeName() + ">", List.of(List.of(),
                List.of(new Event.RegisterArg("io_uring_rsrc_register", new byte[] {1, 2, (byte) 0xfe}, refs()),
                        new Event.RegisterArg("a\"\uD83D\uDE00", new byte[0], List.of()), new Event.RegisterArg(null, new byte[] {0}, refs()))));
        values.put("java.util.List<" + Event.RegisterMapping.class.getTypeName() + ">", List.of(List.of(),
                List.of(new Event.RegisterMapping("m0", 4096, 0, 0),
                        new Event.RegisterMapping("pbuf\t☃", Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE),
                        new Event.RegisterMapping(null, Long.MIN_VALUE, -1, -1))));
        return values;
    }

    /** Every record kind of the sealed interface, through nested sealed interfaces if there are any. */
    private static List<Class<?>> kinds(Class<?> sealed) {
        List<Class<?>> kinds = new ArrayList<>();
        for (Class<?> kind : sealed.getPermittedSubclasses()) {
            if (kind.isSealed()) {
                kinds.addAll(kinds(kind));
            } else {
                assertTrue(kind.isRecord(), kind + " is an event but no record: its line would not be written by hand");
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /**
     * Instances of {@code kind}: the k-th takes the (k + i)-th value of component i's type, for as many as the longest
     * list of values; then each reference component null in turn, where the record takes a null.
     */
    private static List<Event> samples(Class<?> kind) {
        RecordComponent[] components = kind.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Constructor<?> canonical;
        try {
            canonical = kind.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(kind + " has no canonical constructor", e);
        }
        List<List<?>> pools = new ArrayList<>();
        int most = 1;
        for (RecordComponent component : components) {
            Type type = component.getGenericType();
            List<?> pool = VALUES.get(type.getTypeName());
            if (pool == null) {
                fail(kind.getSimpleName() + " has no sample: no values of its component " + component.getName() + "'s type "
                        + type.getTypeName() + " (add some to EventLinesTest.VALUES)");
            }
            pools.add(pool);
            most = Math.max(most, pool.size());
        }
        List<Event> samples = new ArrayList<>();
        for (int k = 0; k < most; k++) {
            Object[] args = new Object[components.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = pools.get(i).get((k + i) % pools.get(i).size());
            }
            samples.add(make(canonical, args, true));
        }
        for (int i = 0; i < components.length; i++) {
            if (!types[i].isPrimitive()) {
                Object[] args = new Object[components.length];
                for (int j = 0; j < args.length; j++) {
                    args[j] = j == i ? null : pools.get(j).get(j % pools.get(j).size());
                }
                Event withNull = make(canonical, args, false);
                if (withNull != null) {
                    samples.add(withNull);
                }
            }
        }
        return samples;
    }

    /** The record made of {@code args}; null when it refuses them and {@code required} is false (a null it copies). */
    private static Event make(Constructor<?> canonical, Object[] args, boolean required) {
        try {
            return (Event) canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (!required && e.getCause() instanceof NullPointerException) {
                return null;
            }
            throw new AssertionError(canonical.getDeclaringClass().getSimpleName() + " refused " + Arrays.toString(args), e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] handWritten(Event event) {
        LineBuffer buffer = new LineBuffer(16);
        event.writeLine(new JsonLine(buffer));
        return Arrays.copyOf(buffer.bytes(), buffer.size());
    }

    private static byte[] jackson(Event event) {
        return (JournalJson.toLine(event) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyEventKindIsWrittenAsJacksonWritesIt() {
        List<Class<?>> kinds = kinds(Event.class);
        assertTrue(kinds.size() >= 45, "the event kinds: " + kinds);
        int written = 0;
        for (Class<?> kind : kinds) {
            List<Event> samples = samples(kind);
            assertTrue(samples.size() > 1, kind.getSimpleName() + " has no sample");
            for (Event event : samples) {
                byte[] expected = jackson(event);
                assertArrayEquals(expected, handWritten(event), () -> kind.getSimpleName() + ": " + event + "\n jackson: "
                        + new String(expected, StandardCharsets.UTF_8) + " by hand: "
                        + new String(handWritten(event), StandardCharsets.UTF_8));
                written++;
            }
        }
        assertTrue(written > kinds.size() * 5, written + " lines");
    }

    @Test
    void oneJournalBufferWritesEveryKindInARowAsJackson() {
        // the buffer keeps a time's digits and the last strings' quoted forms from line to line: each line is still its own
        LineBuffer buffer = new LineBuffer();
        JsonLine line = new JsonLine(buffer);
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        for (Class<?> kind : kinds(Event.class)) {
            for (Event event : samples(kind)) {
                event.writeLine(line);
                expected.writeBytes(jackson(event));
            }
        }
        assertArrayEquals(expected.toByteArray(), Arrays.copyOf(buffer.bytes(), buffer.size()));
    }

    @Test
    void anEventAsTextIsItsLineWithoutTheNewline() {
        for (Event event : samples(Event.KernelEvent.class)) {
            assertEquals(new String(jackson(event), StandardCharsets.UTF_8).stripTrailing(), JsonLine.of(event));
        }
    }
}
