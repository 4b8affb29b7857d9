package dev.ringside.shell.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.Errno;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.export.CExporter;
import dev.ringside.shell.trace.KernelView;
import dev.ringside.shell.trace.TraceShow;
import dev.ringside.tracer.caps.Answer;
import dev.ringside.tracer.caps.Capabilities;
import dev.ringside.tracer.caps.Capability;
import dev.ringside.tracer.caps.KernelFacts;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.JournalJson;
import dev.ringside.tracer.probe.KernelRelease;
import dev.ringside.tracer.ring.Completion;
import dev.ringside.tracer.ring.RingConfig;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link Report} from what a run left: its journal, its console output, its verdict and the kernel's log. */
public final class ReportBuilder {
    /** {@code t.iou:5: expected cqe user_data=1 res=0, got cqe user_data=1 res=-22 EINVAL flags=0}. */
    private static final Pattern FAILURE = Pattern.compile("^(?:.*?):(\\d+): expected (.*?), got (.*)$");
    /** How many console lines before the first failure the journal slice starts. */
    static final int COMMANDS_BEFORE = 6;
    /** The slice is at most this many events. */
    static final int SLICE_EVENTS = 80;
    private static final Pattern CAP_WORD = Pattern.compile("!?cap=(\\S+)");

    /** What the run was: the script, its output (empty for a live session), its verdict and counts. */
    public record Run(String scriptName, String scriptText, String output, String verdict, int passed, int failed) {
    }

    private ReportBuilder() {
    }

    public static Report build(Run run, List<Event> events, KernelLog.Splats splats, List<Report.KernelVerdict> kernels) {
        String release = KernelRelease.running().toString();
        String machine = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        KernelConfig.Lines config = KernelConfig.running(System.getProperty("os.version"));
        Report.Kernel kernel = new Report.Kernel(release, machine, config.source(), config.lines());
        List<Report.Check> checks = checks(run.output(), events);
        int failureAt = firstFailure(events);
        List<String> slice = failureAt < 0 ? List.of() : slice(events, failureAt);
        List<String> why = why(events, failureAt);
        String c;
        try {
            // the kernel's events are observations: a reproducer makes them happen, it does not replay them
            c = CExporter.program(events.stream().filter(e -> !(e instanceof Event.KernelEvent || e instanceof Event.KernelTrace
                    || e instanceof Event.KernelEventsLost)).toList(), run.scriptName());
        } catch (ConsoleException e) {
            c = "/* not exported: " + e.getMessage() + " */";
        }
        List<Report.CapabilityRow> caps = capabilities(events, run.scriptText());
        String title = title(run, checks, release);
        String summary = summary(run, checks, why, splats, kernels, release, machine);
        return new Report(title, summary, run.verdict(), run.passed(), run.failed(), kernel, caps,
                new Report.Script(run.scriptName(), run.scriptText()), c, checks, slice, why, splats, kernels,
                BuildInfo.current());
    }

    private static String title(Run run, List<Report.Check> checks, String release) {
        Optional<Report.Check> first = checks.stream().filter(ch -> !ch.met()).findFirst();
        return "[ringside] " + run.scriptName() + ": " + first.map(ch -> "expected " + ch.expected() + ", got " + ch.actual())
                .orElse(run.verdict()) + " (Linux " + release + ")";
    }

    private static String summary(Run run, List<Report.Check> checks, List<String> why, KernelLog.Splats splats,
                                  List<Report.KernelVerdict> kernels, String release, String machine) {
        StringBuilder s = new StringBuilder();
        s.append("The reproducer ").append(run.scriptName()).append(" below ran on Linux ").append(release).append(" (")
                .append(machine).append(") and ").append(switch (run.verdict()) {
                    case "passed" -> "passed";
                    case "FAILED" -> "failed";
                    case "skipped" -> "was skipped";
                    default -> "stopped with an error";
                }).append(": ").append(run.passed()).append(" expectation").append(run.passed() == 1 ? "" : "s")
                .append(" met, ").append(run.failed()).append(" failed.");
        checks.stream().filter(ch -> !ch.met()).findFirst().ifPresent(ch -> s.append(ch.line() > 0 ? " At line " + ch.line() : " One check")
                .append(" it expected ").append(ch.expected()).append("; the kernel answered ").append(ch.actual()).append('.'));
        if (!why.isEmpty()) {
            s.append(" The kernel's own events say: ").append(why.getFirst()).append('.');
        }
        if (!splats.checked()) {
            s.append(" The kernel log was not checked: ").append(splats.note()).append('.');
        } else if (splats.lines().isEmpty()) {
            s.append(" The kernel logged no splat while it ran.");
        } else {
            s.append(" The kernel logged a splat while it ran: ").append(splats.lines().getFirst().strip()).append('.');
        }
        if (!kernels.isEmpty()) {
            s.append(" On the kernels it was run on: ").append(String.join(", ",
                    kernels.stream().map(k -> k.kernel() + " " + k.verdict()).toList())).append('.');
        }
        return s.toString();
    }

    /** The expectations: from the console's failure lines when there is output, else from the journal. */
    static List<Report.Check> checks(String output, List<Event> events) {
        List<Report.Check> out = new ArrayList<>();
        if (!output.isEmpty()) {
            for (String line : output.lines().toList()) {
                Matcher m = FAILURE.matcher(line);
                if (m.matches()) {
                    out.add(new Report.Check(Integer.parseInt(m.group(1)), m.group(2), m.group(3), false));
                }
            }
            return out;
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof Event.Expected x && !x.met()) {
                String wanted = "cqe" + x.userData().stream().mapToObj(u -> " user_data=" + Long.toUnsignedString(u)).findFirst().orElse("")
                        + x.res().stream().mapToObj(r -> " res=" + r).findFirst().orElse("");
                String got = "no completion";
                for (int j = i - 1; j >= 0; j--) {
                    if (events.get(j) instanceof Event.CqeReaped c && c.ring().equals(x.ring())
                            && (x.userData().isEmpty() || x.userData().getAsLong() == c.userData())) {
                        got = "cqe user_data=" + Long.toUnsignedString(c.userData()) + " res=" + Errno.describeResult(c.res());
                        break;
                    }
                }
                out.add(new Report.Check(0, wanted, got, false));
            }
        }
        return out;
    }

    /** The index of the first check that did not hold, or -1. */
    static int firstFailure(List<Event> events) {
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            boolean failed = switch (e) {
                case Event.Expectation x -> !x.met();
                case Event.SetupExpected x -> x.expected() != x.result();
                case Event.Registered r -> r.expected().isPresent() && r.expected().getAsLong() != r.result();
                default -> false;
            };
            if (failed) {
                return i;
            }
        }
        return -1;
    }

    /** The journal from a few commands before the failure to just after it, one line per event. */
    static List<String> slice(List<Event> events, int failureAt) {
        int from = failureAt;
        int commands = 0;
        while (from > 0 && failureAt - from < SLICE_EVENTS) {
            if (events.get(from - 1) instanceof Event.CommandRan && ++commands > COMMANDS_BEFORE) {
                break;
            }
            from--;
        }
        int to = Math.min(events.size(), failureAt + 3);
        long start = events.get(from).at();
        List<String> lines = new ArrayList<>();
        for (Event e : events.subList(from, to)) {
            if (e instanceof Event.KernelTrace || e instanceof Event.SqeQueued) {
                continue; // the tracefs instance is the host's; the SQE's fields are its sqe line and the kernel's own
            }
            JsonNode json = JournalJson.toJson(e);
            ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("at", e.at() - start);
            lines.add(TraceShow.line(json).stripTrailing());
        }
        return lines;
    }

    /** The why lines the console shows under the CQEs up to the failure, when the kernel's events say why. */
    static List<String> why(List<Event> events, int failureAt) {
        Set<String> out = new LinkedHashSet<>();
        int end = failureAt < 0 ? events.size() : failureAt + 1;
        for (Event e : events.subList(0, end)) {
            if (e instanceof Event.CqeReaped c) {
                for (String line : KernelView.under(events, c.ring(), new Completion(0, c.userData(), c.res(), c.flags(), null))) {
                    if (line.strip().startsWith("why:")) {
                        out.add("user_data=" + Long.toUnsignedString(c.userData()) + " " + line.strip());
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The capability rows the script touches: its opcodes, its setup flags, the capabilities it requires. */
    static List<Report.CapabilityRow> capabilities(List<Event> events, String script) {
        Set<String> names = new LinkedHashSet<>();
        for (Event e : events) {
            switch (e) {
                case Event.SqeQueued q -> names.add("IORING_OP_" + q.opcode());
                case Event.RingConfigured rc -> setupFlags(rc.config(), names);
                case Event.SetupExpected x -> setupFlags(x.config(), names);
                default -> {
                }
            }
        }
        Matcher m = CAP_WORD.matcher(script);
        while (m.find()) {
            names.add(m.group(1));
        }
        KernelFacts facts = new KernelFacts();
        List<Report.CapabilityRow> rows = new ArrayList<>();
        for (String name : names) {
            Optional<Capability> c = Capabilities.named(name);
            if (c.isEmpty()) {
                continue;
            }
            Answer a = c.get().ask(facts);
            rows.add(new Report.CapabilityRow(c.get().name(), switch (a.present()) {
                case PRESENT -> "yes";
                case ABSENT -> "no";
                case UNKNOWN -> "?";
            }, c.get().since(), a.how()));
        }
        return rows;
    }

    private static void setupFlags(RingConfig config, Set<String> names) {
        for (long rest = config.flags(); rest != 0; rest &= rest - 1) {
            names.add("IORING_SETUP_" + FlagSets.SETUP.format(Long.lowestOneBit(rest)));
        }
    }
}
