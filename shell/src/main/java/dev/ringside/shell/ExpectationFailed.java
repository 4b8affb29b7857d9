package dev.ringside.shell;

/** An {@code expect} that the kernel's answer did not meet: "expected ..., got ...". */
public class ExpectationFailed extends RuntimeException {
    public ExpectationFailed(String message) {
        super(message);
    }
}
