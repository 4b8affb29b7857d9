package dev.ringside.shell.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Report} as plain text for io-uring@vger.kernel.org: every line at most 72 columns, no
 * colour, sections under underlined headings, the reproducers indented by four spaces so a reply can
 * quote any part of them. The sections, in order, are {@link #SECTIONS}.
 */
public final class ReportText {
    public static final List<String> SECTIONS = List.of("Summary", "Kernel", "Capabilities", "Expected and actual",
            "Journal around the failure", "Kernel log", "Kernels", "Reproducer script", "C reproducer", "ringside");
    private static final int W = Wrap.WIDTH;
    private static final String CODE = "    ";

    private ReportText() {
    }

    public static String render(Report r) {
        List<String> out = new ArrayList<>(Wrap.prose("Subject: " + r.title(), W, ""));
        out.add("");
        section(out, "Summary");
        out.addAll(Wrap.prose(r.summary(), W, ""));

        section(out, "Kernel");
        out.add("Linux " + r.kernel().release() + " (" + r.kernel().machine() + ")");
        if (r.kernel().config().isEmpty()) {
            out.add("config: neither /proc/config.gz nor /boot/config-RELEASE is readable");
        } else {
            out.add("config (from " + r.kernel().configSource() + "):");
            r.kernel().config().forEach(line -> out.addAll(Wrap.continued(CODE + line, W, CODE + "  ")));
        }

        section(out, "Capabilities");
        if (r.capabilities().isEmpty()) {
            out.add("(the script touches no capability of the catalogue)");
        }
        for (Report.CapabilityRow row : r.capabilities()) {
            out.add(fit(String.format("%-34s %-3s %-10s", row.name(), row.present(), row.since()).stripTrailing()));
            out.addAll(Wrap.prose(row.how(), W, CODE));
        }

        section(out, "Expected and actual");
        List<Report.Check> failed = r.checks().stream().filter(c -> !c.met()).toList();
        if (failed.isEmpty()) {
            out.add("every expectation held (" + r.passed() + ")");
        } else {
            int half = (W - 6) / 2;
            out.add(String.format("%-5s %-" + half + "s %s", "line", "expected", "actual"));
            for (Report.Check c : failed) {
                List<String> left = Wrap.prose(c.expected(), half, "");
                List<String> right = Wrap.prose(c.actual(), W - 6 - half - 1, "");
                for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
                    String number = i == 0 ? (c.line() > 0 ? String.valueOf(c.line()) : "-") : "";
                    out.add(String.format("%-5s %-" + half + "s %s", number, i < left.size() ? left.get(i) : "",
                            i < right.size() ? right.get(i) : "").stripTrailing());
                }
            }
            out.add(r.passed() + " other expectation" + (r.passed() == 1 ? "" : "s") + " held.");
        }

        section(out, "Journal around the failure");
        if (r.journal().isEmpty()) {
            out.add("(no expectation failed: no slice)");
        }
        for (String line : r.journal()) {
            out.addAll(Wrap.continued(line, W, "               "));
        }
        boolean kernelEvents = r.journal().stream().anyMatch(l -> l.contains(" kernel "));
        if (!kernelEvents) {
            out.addAll(Wrap.prose("(no kernel events in this journal: run with --trace, or 'trace on' in the console, as root)", W, ""));
        }
        for (String why : r.why()) {
            out.addAll(Wrap.prose(why, W, "  "));
        }

        section(out, "Kernel log");
        if (!r.splats().checked()) {
            out.addAll(Wrap.prose("not checked: " + r.splats().note(), W, ""));
        } else if (r.splats().lines().isEmpty()) {
            out.addAll(Wrap.prose("no splat (BUG:, WARNING:, Oops, general protection fault, lockdep, RCU) in the "
                    + r.splats().note(), W, ""));
        } else {
            r.splats().lines().forEach(line -> out.addAll(Wrap.continued(CODE + line, W, CODE + "  ")));
        }

        section(out, "Kernels");
        if (r.kernels().isEmpty()) {
            out.add("only the kernel above (ringside report --kernel host,debian:sid");
            out.add("runs the script on more)");
        } else {
            for (Report.KernelVerdict k : r.kernels()) {
                out.add(fit(String.format("%-40s %s", k.kernel(), k.verdict())));
                if (!k.detail().isEmpty()) {
                    out.addAll(Wrap.prose(k.detail(), W, CODE));
                }
            }
        }

        section(out, "Reproducer script");
        out.add(r.script().name() + " (ringside run " + r.script().name() + "):");
        out.add("");
        for (String line : r.script().text().lines().toList()) {
            out.addAll(line.strip().startsWith("#") ? Wrap.prose(line.strip().substring(1), W - CODE.length() - 2, CODE + "# ")
                    .stream().map(String::stripTrailing).toList() : Wrap.continued(CODE + line, W, CODE + "  "));
        }

        section(out, "C reproducer");
        out.add("repro.c (" + dev.ringside.shell.export.CExporter.BUILD + "):");
        out.add("");
        Wrap.c(r.cProgram().lines().toList(), W - CODE.length()).forEach(line -> out.add((CODE + line).stripTrailing()));

        section(out, "ringside");
        out.add("ringside " + r.ringside().version() + " (commit " + r.ringside().commit() + ")");
        return String.join("\n", out) + "\n";
    }

    private static void section(List<String> out, String name) {
        if (!out.isEmpty() && !out.getLast().isEmpty()) {
            out.add("");
        }
        out.add(name);
        out.add("-".repeat(name.length()));
    }

    private static String fit(String line) {
        return line.length() <= W ? line : line.substring(0, W);
    }
}
