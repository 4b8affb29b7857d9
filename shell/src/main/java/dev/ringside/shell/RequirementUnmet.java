package dev.ringside.shell;

/**
 * A {@code require} the running system does not meet: a script stops and is reported as skipped
 * with this reason; in the console it is printed like any other one-line error.
 */
public class RequirementUnmet extends ConsoleException {
    public RequirementUnmet(String reason) {
        super(reason);
    }
}
