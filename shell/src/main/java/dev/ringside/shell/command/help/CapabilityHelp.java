package dev.ringside.shell.command.help;

import dev.ringside.tracer.caps.Answer;
import dev.ringside.tracer.caps.Capability;
import dev.ringside.tracer.caps.KernelFacts;

/** {@code help SQ_REWIND}, {@code help IMMEDIATE_ARG}: a flag's or feature's capability, asked of this kernel. */
final class CapabilityHelp {
    private CapabilityHelp() {
    }

    static String page(Capability c) {
        return c.name() + ": " + c.kind().label() + ", since " + c.since() + ": " + c.summary() + "\n" + onThisKernel(c);
    }

    /** The capability's trial on the running kernel, and how a script depends on it. */
    static String onThisKernel(Capability c) {
        Answer a = c.ask(new KernelFacts());
        String mark = switch (a.present()) {
            case PRESENT -> "yes";
            case ABSENT -> "no";
            case UNKNOWN -> "cannot tell";
        };
        return "  on this kernel: " + mark + " (" + a.how() + ": " + a.detail() + ")\n"
                + "  in scripts: require cap=" + c.name() + " (require !cap=" + c.name() + " to show its rejection)\n";
    }
}
