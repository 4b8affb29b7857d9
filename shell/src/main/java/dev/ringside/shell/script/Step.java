package dev.ringside.shell.script;

import java.util.List;

/** One piece of a parsed script: a command line, a "repeat N { ... }" block, or an {@code include FILE}. */
public sealed interface Step {
    Where where();

    /** The line as written, for columns of errors. */
    String text();

    /** Runs this step: its own method of the runner (a type switch would spin a class at the first script). */
    void runIn(ScriptRunner runner);

    record Line(Where where, String text) implements Step {
        @Override
        public void runIn(ScriptRunner runner) {
            runner.runLine(this);
        }
    }

    /** "repeat COUNT [NAME] {": the body runs COUNT times, with $NAME set to 1..COUNT when named. */
    record Repeat(Where where, String text, List<Step> body) implements Step {
        @Override
        public void runIn(ScriptRunner runner) {
            runner.runRepeat(this);
        }
    }

    record Include(Where where, String text) implements Step {
        @Override
        public void runIn(ScriptRunner runner) {
            runner.runInclude(this);
        }
    }
}
