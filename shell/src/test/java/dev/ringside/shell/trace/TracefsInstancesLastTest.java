package dev.ringside.shell.trace;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The suite's last class: no test left a tracefs instance behind (issue 11). An instance that is new since
 * the first class and whose console is gone (this JVM, or a console a test started and ended) was left
 * behind; instances of consoles still running elsewhere on the machine are not this suite's to judge.
 */
@Order(Integer.MAX_VALUE)
class TracefsInstancesLastTest {
    @Test
    void noTestLeftAnInstanceBehind() throws IOException {
        assumeTrue(TracefsInstances.available(), "kernel tracing needs root (tracefs)");
        assumeTrue(TracefsInstances.atStart != null, "the suite's first class did not run in this JVM (a single test was picked)");
        List<String> leftBehind = new ArrayList<>();
        for (String instance : TracefsInstances.ringside()) {
            long pid = TracefsInstances.pid(instance);
            boolean gone = pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).isEmpty();
            if (!TracefsInstances.atStart.contains(instance) && gone) {
                leftBehind.add(instance);
            }
        }
        assertEquals(List.of(), leftBehind, "tracefs instances of consoles that ended, left by this suite's tests");
    }
}
