package dev.ringside.shell.trace;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Set;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The suite's first class: the tracefs instances that were there before any test ran. */
@Order(Integer.MIN_VALUE)
class TracefsInstancesFirstTest {
    @Test
    void listsTheInstancesBeforeAnyTest() throws IOException {
        assumeTrue(TracefsInstances.available(), "kernel tracing needs root (tracefs)");
        TracefsInstances.atStart = Set.copyOf(TracefsInstances.ringside());
    }
}
