package dev.ringside.shell.script;

import java.nio.file.Path;

/**
 * A line of a script file, and the include line that brought the file in (null for the file run),
 * so an error inside an included file names both.
 */
public record Where(Path file, int line, Where includedFrom) {
    /** {@code file:line}. */
    public String at() {
        return file + ":" + line;
    }

    /** {@code  (included from main.iou:4)}, or "" for the file run itself. */
    public String origin() {
        return includedFrom == null ? "" : " (included from " + includedFrom.at() + ")";
    }

    public int depth() {
        return includedFrom == null ? 0 : 1 + includedFrom.depth();
    }
}
