package dev.ringside.shell.command.script;

import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.RequirementUnmet;
import dev.ringside.tracer.caps.Answer;
import dev.ringside.tracer.caps.Capabilities;
import dev.ringside.tracer.caps.Capability;
import dev.ringside.tracer.caps.KernelFacts;

/**
 * {@code require cap=NAME} and {@code require !cap=NAME}: a capability of the catalogue, asked by its own
 * trial; a script needing it present (or absent, to show the rejection) is skipped otherwise, and when
 * the trial cannot decide.
 */
final class CapabilityRequirement {
    private CapabilityRequirement() {
    }

    static void check(String word) {
        boolean wantAbsent = word.startsWith("!");
        String name = word.substring(word.indexOf('=') + 1);
        Capability cap = Capabilities.named(name).orElseThrow(() -> new ConsoleException("no capability '" + name + "'"
                + Values.suggestion(name, Capabilities.names()) + "; 'caps' lists them", word));
        Answer answer = cap.ask(new KernelFacts());
        String evidence = answer.how() + ": " + answer.detail();
        switch (answer.present()) {
            case UNKNOWN -> throw new RequirementUnmet("cannot tell whether this kernel has " + cap.name() + " (" + evidence + ")");
            case PRESENT -> {
                if (wantAbsent) {
                    throw new RequirementUnmet("shows the rejection on a kernel without " + cap.name() + "; this one has it (" + evidence + ")");
                }
            }
            case ABSENT -> {
                if (!wantAbsent) {
                    throw new RequirementUnmet("needs " + cap.name() + " (" + cap.since() + "); this kernel lacks it (" + evidence + ")");
                }
            }
        }
    }
}
