package dev.ringside.shell.export;

import dev.ringside.decoders.codec.CqeCodec;
import dev.ringside.decoders.values.Errno;
import dev.ringside.shell.script.Token;
import dev.ringside.shell.script.Tokenizer;
import dev.ringside.tracer.journal.Event;

import dev.ringside.decoders.values.Values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A session's journal as a runnable script: every line that ran through, except those that change
 * nothing a replay needs, and after each line the kernel's actual answers it reaped, as strict
 * {@code expect cqe user_data=N res=R flags=F} lines. The session's own expect lines are left out:
 * the recorded answers check the same completions, exactly. A register or unregister line that reached
 * the kernel is kept whatever the kernel answered (a rejection, or not what its expect= said), with
 * {@code expect=} the answer it got, as {@code export c} keeps the call.
 */
public final class Recorder {
    private Recorder() {
    }

    /** Commands a replay does not need: they only look, or they are the recording itself. */
    static final Set<String> NOT_REPLAYED = Set.of("record", "export", "help", "expect");

    public static List<String> script(List<Event> journal, String source) {
        List<String> out = new ArrayList<>();
        out.add("# recorded by ringside from " + source + " on Linux " + dev.ringside.tracer.probe.KernelRelease.running());
        out.add("# the commands that ran, and after each the completions the kernel answered");
        Map<Event.CqeReaped, String> timedChecks = timedChecks(journal);
        for (Steps.LineEvents step : Steps.of(journal)) {
            Optional<Event.Registered> registered = step.events().stream().filter(e -> e instanceof Event.Registered)
                    .map(e -> (Event.Registered) e).reduce((first, last) -> last);
            Optional<Event.SetupExpected> refused = step.events().stream().filter(e -> e instanceof Event.SetupExpected)
                    .map(e -> (Event.SetupExpected) e).findFirst();
            if (refused.isPresent() && step.line().isPresent()) {
                // a setup with expect=: kept, checking the errno it got (a ring it set up anyway was closed: the same expect= again)
                long result = refused.get().result();
                out.add(withExpect(step.line().get().strip(), result < 0 ? result : refused.get().expected()));
            } else if (registered.isPresent() && step.line().isPresent()) {
                // the kernel answered, whatever it answered (-EINVAL, or not what expect= said): keep the call, checking that answer
                out.add(withExpect(step.line().get().strip(), registered.get().result()));
            } else if (!step.succeeded() && step.command().equals("submit") && step.line().filter(l -> l.contains("expect=")).isPresent()
                    && step.events().stream().anyMatch(e -> e instanceof Event.Submitted)) {
                // submit expect= that got another answer: the submit is kept, checking the answer it got
                out.add(submitAsAnswered(step.line().get(), step.events().stream().filter(e -> e instanceof Event.Submitted)
                        .map(e -> ((Event.Submitted) e).submitted()).reduce((first, last) -> last).orElseThrow()));
            } else if (step.succeeded() && step.line().isPresent() && !NOT_REPLAYED.contains(step.command())) {
                out.add(step.line().get().strip());
            } else if (step.line().isPresent() && step.events().stream().anyMatch(e -> e instanceof Event.ExpectedOrder
                    || e instanceof Event.ExpectedSame)) {
                // the recorded CQE lines check each completion, not their order or two buffers' bytes: these stay as typed
                out.add(step.line().get().strip());
            }
            // an expect with ring=NAME reaps that ring, not the current one: its recorded answers say so
            boolean otherRing = step.command().equals("expect") && step.line().orElse("").matches(".*\\sring=.*");
            for (Event e : step.events()) {
                if (e instanceof Event.CqeReaped cqe) {
                    out.add(expectLine(cqe) + timedChecks.getOrDefault(cqe, "") + (otherRing ? " ring=" + cqe.ring() : ""));
                }
            }
        }
        return out;
    }

    /**
     * The after=/before=/big= of an {@code expect cqe} that held, keyed by the completion it took (the latest of its
     * ring and user_data reaped before it): the recorded strict line of that completion carries them, since it is
     * the one that takes the completion in a replay.
     */
    static Map<Event.CqeReaped, String> timedChecks(List<Event> journal) {
        Map<String, Event.CqeReaped> latest = new HashMap<>();
        Map<Event.CqeReaped, String> out = new IdentityHashMap<>();
        for (Event e : journal) {
            if (e instanceof Event.CqeReaped cqe) {
                latest.put(cqe.ring() + "/" + cqe.userData(), cqe);
            } else if (e instanceof Event.ExpectedCqe x && x.met() && x.userData().isPresent()
                    && (x.afterNanos() >= 0 || x.beforeNanos() >= 0 || x.big().length > 0)) {
                Event.CqeReaped took = latest.get(x.ring() + "/" + x.userData().getAsLong());
                if (took != null) {
                    out.put(took, (x.afterNanos() >= 0 ? " after=" + Values.formatDurationNanos(x.afterNanos()) : "")
                            + (x.beforeNanos() >= 0 ? " before=" + Values.formatDurationNanos(x.beforeNanos()) : "")
                            + (x.big().length > 0 ? " big=" + HexFormat.of().formatHex(x.big()) : ""));
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

    /**
     * {@code register zcrx_ifq expect=-EINVAL if_idx=1 ...}: the register line with its {@code expect=} set to
     * the kernel's answer, put right after WHAT so a trailing comment cannot swallow it.
     */
    static String withExpect(String line, long result) {
        List<Token> tokens = Tokenizer.split(line);
        String expect = "expect=" + result((int) result);
        StringBuilder text = new StringBuilder(line);
        for (int i = tokens.size() - 1; i >= 2; i--) {
            Token t = tokens.get(i);
            if (t.text().startsWith("expect=")) {
                int end = t.column() + t.text().length();
                int start = t.column() > 0 && Character.isWhitespace(text.charAt(t.column() - 1)) ? t.column() - 1 : t.column();
                text.delete(start, end);
            }
        }
        if (tokens.size() < 2) {
            return line + " " + expect;
        }
        Token what = tokens.get(1);
        int at = what.column() + what.text().length();
        return text.insert(at, " " + expect).toString();
    }

    /** {@code submit reap=no expect=-EBUSY} as answered: its expect= the errno io_uring_enter gave, or none when it succeeded. */
    static String submitAsAnswered(String line, long submitted) {
        List<String> words = new ArrayList<>(Tokenizer.split(line).stream().map(Token::text).filter(w -> !w.startsWith("expect=")).toList());
        if (submitted < 0) {
            words.add("expect=" + result((int) submitted));
        }
        return String.join(" ", words);
    }

    private static String result(int res) {
        return res < 0 ? Errno.of(res).map(e -> "-" + e.name()).orElse(Integer.toString(res)) : Integer.toString(res);
    }
}
