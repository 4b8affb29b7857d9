package dev.ringside.shell.script;

/**
 * The verdicts of several scripts, counted per script: a script error is an error, not a failed
 * expectation, so the closing line tells a broken script from a kernel that answered otherwise. The run
 * exits 2 when any script had an error, else 1 when any failed, else 77 when every one was
 * skipped, else 0.
 */
public final class Tally {
    private int passed;
    private int failed;
    private int skipped;
    private int interrupted;
    private int errors;

    /** Counts one script by its exit code. */
    public void add(int exitCode) {
        switch (exitCode) {
            case ScriptRunner.PASSED -> passed++;
            case ScriptRunner.SKIPPED -> skipped++;
            case ScriptRunner.FAILED -> failed++;
            case ScriptRunner.INTERRUPTED -> {
                failed++;
                interrupted++;
            }
            default -> errors++;
        }
    }

    /** {@code 3 passed, 1 failed, 0 errors, 0 skipped}. */
    public String closingLine() {
        return passed + " passed, " + failed + " failed" + (interrupted > 0 ? " (" + interrupted + " interrupted)" : "")
                + ", " + errors + (errors == 1 ? " error, " : " errors, ") + skipped + " skipped";
    }

    public int exitCode() {
        if (interrupted > 0) {
            return ScriptRunner.INTERRUPTED;
        }
        if (errors > 0) {
            return ScriptRunner.ERROR;
        }
        if (failed > 0) {
            return ScriptRunner.FAILED;
        }
        return skipped > 0 && passed == 0 ? ScriptRunner.SKIPPED : ScriptRunner.PASSED;
    }
}
