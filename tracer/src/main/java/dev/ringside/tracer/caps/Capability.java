package dev.ringside.tracer.caps;

/**
 * One thing a kernel may or may not do, declared once: its name (the C name for uapi members), what
 * kind of thing it is, what it is for, the release that brought it ("6.1", "proposed: SERIES", or "?"
 * when the project's release table does not know it) and the trial that asks the running kernel.
 */
public record Capability(String name, Kind kind, String since, String summary, Trial trial) {
    public enum Kind {
        SETUP_FLAG("setup flag"), FEATURE("feature"), OPCODE("opcode"), REGISTER_OPCODE("register opcode"),
        ENTER_FLAG("enter flag"), SEED("seed feature"), ENVIRONMENT("environment");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Asks the kernel; the shared trials (probe, query, trial ring) are made once per {@link KernelFacts}. */
    @FunctionalInterface
    public interface Trial {
        Answer ask(KernelFacts kernel);
    }

    /** This capability's answer on the running kernel. */
    public Answer ask(KernelFacts kernel) {
        try {
            return trial.ask(kernel);
        } catch (RuntimeException e) {
            // a trial that cannot run establishes nothing
            return Answer.unknown("trial failed", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
