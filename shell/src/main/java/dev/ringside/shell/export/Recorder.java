package dev.ringside.shell.export;

import dev.ringside.decoders.codec.CqeCodec;
import dev.ringside.decoders.values.Errno;
import dev.ringside.tracer.journal.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A session's journal as a runnable script: every line that ran through, except those that change
 * nothing a replay needs, and after each line the kernel's actual answers it reaped, as strict
 * {@code expect cqe user_data=N res=R flags=F} lines. The session's own expect lines are left out:
 * the recorded answers check the same completions, exactly.
 */
public final class Recorder {
    private Recorder() {
    }

    /** Commands a replay does not need: they only look, or they are the recording itself. */
    static final Set<String> NOT_REPLAYED = Set.of("record", "export", "help", "expect");

    public static List<String> script(List<Event> journal, String source) {
        List<String> out = new ArrayList<>();
        out.add("# recorded by ringside from " + source + " on Linux " + System.getProperty("os.version"));
        out.add("# the commands that ran, and after each the completions the kernel answered");
        for (Steps.Step step : Steps.of(journal)) {
            if (step.succeeded() && step.line().isPresent() && !NOT_REPLAYED.contains(step.command())) {
                out.add(step.line().get().strip());
            }
            for (Event e : step.events()) {
                if (e instanceof Event.CqeReaped cqe) {
                    out.add(expectLine(cqe));
                }
            }
        }
        return out;
    }

    /** {@code expect cqe user_data=3 res=-ETIME flags=0}. */
    static String expectLine(Event.CqeReaped cqe) {
        return "expect cqe user_data=" + Long.toUnsignedString(cqe.userData()) + " res=" + result(cqe.res())
                + " flags=" + CqeCodec.formatFlags(Integer.toUnsignedLong(cqe.flags()));
    }

    private static String result(int res) {
        return res < 0 ? Errno.of(res).map(e -> "-" + e.name()).orElse(Integer.toString(res)) : Integer.toString(res);
    }
}
