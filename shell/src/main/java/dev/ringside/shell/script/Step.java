package dev.ringside.shell.script;

import java.util.List;

/** One piece of a parsed script: a command line, a "repeat N { ... }" block, or an {@code include FILE}. */
public sealed interface Step {
    Where where();

    /** The line as written, for columns of errors. */
    String text();

    record Line(Where where, String text) implements Step {
    }

    /** "repeat COUNT [NAME] {": the body runs COUNT times, with $NAME set to 1..COUNT when named. */
    record Repeat(Where where, String text, List<Step> body) implements Step {
    }

    record Include(Where where, String text) implements Step {
    }
}
