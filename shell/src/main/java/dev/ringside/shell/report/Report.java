package dev.ringside.shell.report;

import java.util.List;

/**
 * A bug report as facts: what ran, what was expected, what the kernel answered, on which kernel,
 * with the reproducers, the kernel's own events and log. {@link ReportText} writes it for a mail;
 * {@code --json} writes this record. Nothing of the host goes in but the kernel's facts.
 */
public record Report(String title, String summary, String verdict, int passed, int failed, Kernel kernel,
                     List<CapabilityRow> capabilities, Script script, String cProgram, List<Check> checks,
                     List<String> journal, List<String> why, KernelLog.Splats splats, List<KernelVerdict> kernels,
                     BuildInfo ringside) {
    public Report {
        capabilities = List.copyOf(capabilities);
        checks = List.copyOf(checks);
        journal = List.copyOf(journal);
        why = List.copyOf(why);
        kernels = List.copyOf(kernels);
    }

    /** The kernel the script ran on: release, machine, and its io_uring configuration lines. */
    public record Kernel(String release, String machine, String configSource, List<String> config) {
        public Kernel {
            config = List.copyOf(config);
        }
    }

    /** One row of the capability table, asked of this kernel by its own trial. */
    public record CapabilityRow(String name, String present, String since, String how) {
    }

    /** The reproducer script, by its file name only. */
    public record Script(String name, String text) {
    }

    /** One expectation: its script line, what it wanted, what it got, whether it held. */
    public record Check(int line, String expected, String actual, boolean met) {
    }

    /** The verdict of the same script on another kernel. */
    public record KernelVerdict(String kernel, String verdict, String detail) {
    }
}
