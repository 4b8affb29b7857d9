package dev.ringside.decoders.flags;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whatever a flag word holds, printing it and reading the text back gives the same bits. */
class FlagSetPropertiesTest {
    /** A set with a value to print: any 64 bits, or members OR-ed together with a few unknown bits. */
    record Sample(FlagSet set, long value) {
    }

    @Provide
    Arbitrary<Sample> samples() {
        Arbitrary<FlagSet> sets = Arbitraries.of(FlagSets.all());
        return sets.flatMap(set -> Arbitraries.oneOf(anyBits(), memberCombinations(set)).map(v -> new Sample(set, v)));
    }

    private static Arbitrary<Long> anyBits() {
        return Arbitraries.longs();
    }

    private static Arbitrary<Long> memberCombinations(FlagSet set) {
        List<Long> values = set.flags().stream().map(Flag::value).toList();
        Arbitrary<Long> members = Arbitraries.of(values).list().ofMaxSize(values.size())
                .map(chosen -> chosen.stream().reduce(0L, (a, b) -> a | b));
        Arbitrary<Long> noise = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.integers().between(0, 63).map(bit -> 1L << bit));
        return Combinators.combine(members, noise).as((m, n) -> m | n);
    }

    @Property
    void parseInvertsFormat(@ForAll("samples") Sample sample) {
        String text = sample.set().format(sample.value());
        assertEquals(sample.value(), sample.set().parse(text), sample.set().name() + ": '" + text + "'");
    }

    @Property
    void parseInvertsFormatC(@ForAll("samples") Sample sample) {
        String text = sample.set().formatC(sample.value());
        assertEquals(sample.value(), sample.set().parse(text), sample.set().name() + ": '" + text + "'");
    }
}
