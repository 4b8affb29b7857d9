package dev.ringside.shell;

/**
 * An {@code expect} that the kernel's answer did not meet: "expected ..., got ...". The two halves
 * are kept apart so {@code --json} can report them as fields.
 */
public class ExpectationFailed extends RuntimeException {
    private final String expected;
    private final String got;

    public ExpectationFailed(String expected, String got) {
        super("expected " + expected + ", got " + got);
        this.expected = expected;
        this.got = got;
    }

    /** What the expectation asked for, without the word "expected". */
    public String expected() {
        return expected;
    }

    /** What the kernel answered instead. */
    public String got() {
        return got;
    }

    /** A missed expectation as --json reports it: {@code {"type":"expect","met":false,"expected":...,"got":...}}. */
    public record View(boolean met, String expected, String got) {
    }

    public View view() {
        return new View(false, expected, got);
    }
}
