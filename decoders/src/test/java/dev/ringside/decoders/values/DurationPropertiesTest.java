package dev.ringside.decoders.values;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A duration printed by the console reads back as the same nanoseconds, whatever its size or unit. */
class DurationPropertiesTest {
    @Provide
    Arbitrary<Long> nanos() {
        // whole units as well as arbitrary counts, so every unit the formatter picks is exercised
        Arbitrary<Long> scale = Arbitraries.of(1L, 1_000L, 1_000_000L, 1_000_000_000L);
        return Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.longs().between(0, 1_000_000_000_000L).flatMap(n -> scale.map(s -> n * s)));
    }

    @Property
    void parseInvertsFormat(@ForAll("nanos") long nanos) {
        String text = Values.formatDurationNanos(nanos);
        assertEquals(nanos, Values.parseDurationNanos(text), "'" + text + "'");
    }

    @Provide
    Arbitrary<String> wholeUnits() {
        // counts of every size (up to 19 digits, either sign) in every unit, around where the nanoseconds leave 64 bits
        Arbitrary<Long> count = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L),
                Arbitraries.of(0L, 9_223_372_036L, 9_223_372_037L, 18_446_744_073L, 18_446_744_074L, 5_124_095L, 5_124_096L));
        Arbitrary<String> unit = Arbitraries.of("", "ns", "us", "ms", "s", "m", "h");
        return count.flatMap(n -> unit.map(u -> n + u));
    }

    @Property
    void wholeUnitsReadAsExactDecimalArithmetic(@ForAll("wholeUnits") String text) {
        // what the parse answered before it had a long-arithmetic path: exact decimals, 2^64-1 at most, as bits
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?[0-9]+)([a-z]*)").matcher(text);
        org.junit.jupiter.api.Assertions.assertTrue(m.matches());
        long scale = switch (m.group(2)) {
            case "", "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        java.math.BigInteger exact = new java.math.BigInteger(m.group(1)).multiply(java.math.BigInteger.valueOf(scale));
        boolean fits = exact.bitLength() <= 63 || exact.signum() > 0 && exact.bitLength() <= 64;
        if (fits) {
            assertEquals(exact.longValue(), Values.parseDurationNanos(text), "'" + text + "'");
        } else {
            assertThrows(ValueException.class, () -> Values.parseDurationNanos(text), "'" + text + "'");
        }
    }

    @Example
    void readsUnitsAndFractions() {
        assertEquals(1_500_000L, Values.parseDurationNanos("1.5ms"));
        assertEquals(250_000L, Values.parseDurationNanos("250us"));
        assertEquals(2_000_000_000L, Values.parseDurationNanos("2 s"));
        assertEquals(100L, Values.parseDurationNanos("100"));
        assertEquals(-1_000_000L, Values.parseDurationNanos("-1ms"));
    }

    @Example
    void keepsEveryNanosecondOfLongDurations() {
        // above 2^53 ns a double-based parse rounded this to ...768
        assertEquals(1_234_567_890_123_456_789L, Values.parseDurationNanos("1234567890123456789ns"));
    }

    @Example
    void takesUnsignedCountsAsTheirBitsAndRejectsWhatDoesNotFit() {
        assertEquals(-1L, Values.parseDurationNanos("18446744073709551615"));
        assertThrows(ValueException.class, () -> Values.parseDurationNanos("18446744073709551616ns"));
        assertThrows(ValueException.class, () -> Values.parseDurationNanos("20000000000s"));
        assertThrows(ValueException.class, () -> Values.parseDurationNanos("soon"));
    }
}
