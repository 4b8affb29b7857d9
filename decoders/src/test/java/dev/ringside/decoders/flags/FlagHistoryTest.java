package dev.ringside.decoders.flags;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlagHistoryTest {
    @Test
    void everyEntryNamesARealFlagAndARelease() {
        Set<String> cNames = FlagSets.all().stream().flatMap(set -> set.flags().stream())
                .map(Flag::cName).collect(Collectors.toSet());
        FlagHistory.table().forEach((name, release) -> {
            assertTrue(cNames.contains(name), name + " is a flag of some set");
            assertTrue(release.matches("[5-9]\\.[0-9]+") || release.equals(FlagHistory.AFTER_6_18), name + ": " + release);
        });
    }

    @Test
    void everyTimeoutFlagHasItsRelease() {
        FlagSets.TIMEOUT.flags().forEach(flag -> assertTrue(FlagHistory.since(flag).isPresent(), flag.cName()));
        Flag abs = FlagSets.TIMEOUT.member("ABS").orElseThrow();
        assertEquals("ABS(5.4)", FlagHistory.withRelease(abs));
    }
}
