package dev.ringside.decoders.flags;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The release each flag row carries: a real release number where given, and every timeout flag has one. */
class FlagHistoryTest {
    @Test
    void everyReleaseGivenIsAReleaseNumber() {
        FlagSets.all().forEach(set -> set.flags().forEach(flag -> flag.release().ifPresent(release ->
                assertTrue(release.matches("[5-9]\\.[0-9]+") || release.equals(Flag.AFTER_6_18), flag.cName() + ": " + release))));
    }

    @Test
    void everyTimeoutFlagHasItsRelease() {
        FlagSets.TIMEOUT.flags().forEach(flag -> assertTrue(flag.release().isPresent(), flag.cName()));
        assertEquals("ABS(5.4)", FlagSets.TIMEOUT.row("ABS").withRelease());
        assertEquals("IMMEDIATE_ARG(after 6.18)", FlagSets.TIMEOUT.row("IMMEDIATE_ARG").withRelease());
    }

    @Test
    void releasesSpotCheckedAgainstTheKernelHistory() {
        // the releases liburing's io_uring_setup(2) and io_uring_enter(2) give ("Available since"), liburing 27255f4
        assertEquals("5.1", FlagSets.SETUP.row("SQPOLL").since());
        assertEquals("6.1", FlagSets.SETUP.row("DEFER_TASKRUN").since());
        assertEquals("5.17", FlagSets.SQE.row("CQE_SKIP_SUCCESS").since());
        assertEquals("7.0", FlagSets.SETUP.row("SQ_REWIND").since());
        assertEquals("6.12", FlagSets.ENTER.row("ABS_TIMER").since());
        assertEquals("", FlagSets.FEATURES.row("NO_IOWAIT").since(), "a release not checked is left out, not guessed");
    }
}
