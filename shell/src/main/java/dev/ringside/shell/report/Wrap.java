package dev.ringside.shell.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Text cut to a mail's width (72 columns): prose by words, script lines with a trailing backslash,
 * C source at token boundaries so it still compiles (never inside a string literal, a comment kept a
 * comment, a preprocessor line continued with a backslash).
 */
public final class Wrap {
    public static final int WIDTH = 72;

    private Wrap() {
    }

    /** Words filled into lines of at most {@code width}, each after {@code indent} (the first too). */
    public static List<String> prose(String text, int width, String indent) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            while (indent.length() + word.length() > width) { // a word longer than a line: cut it
                int room = width - line.length();
                line.append(word, 0, room);
                out.add(line.toString());
                line = new StringBuilder(indent);
                word = word.substring(room);
            }
            line.append(word);
        }
        if (line.length() > indent.length() || out.isEmpty()) {
            out.add(line.toString());
        }
        return out;
    }

    /** A line cut at spaces (or anywhere, if it has none), every piece but the last ending in " \". */
    public static List<String> continued(String line, int width, String indent) {
        List<String> out = new ArrayList<>();
        String rest = line;
        String prefix = "";
        while ((prefix + rest).length() > width) {
            int room = width - prefix.length() - 2;
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= 0) {
                cut = room;
            }
            out.add(prefix + rest.substring(0, cut).stripTrailing() + " \\");
            rest = rest.substring(cut).stripLeading();
            prefix = indent;
        }
        out.add(prefix + rest);
        return out;
    }

    /** C source, each line at most {@code width}, with the same meaning to the compiler. */
    public static List<String> c(List<String> lines, int width) {
        List<String> out = new ArrayList<>();
        boolean inBlockComment = false;
        for (String line : lines) {
            String expanded = line.replace("\t", "        ");
            int lead = expanded.length() - expanded.stripLeading().length();
            if (expanded.length() > width && lead > width / 3 && !inBlockComment) {
                expanded = " ".repeat(16) + expanded.stripLeading(); // alignment under a long line: C does not care
            }
            if (expanded.length() <= width) {
                out.add(expanded);
            } else if (inBlockComment || expanded.stripLeading().startsWith("/*")) {
                out.addAll(blockComment(expanded, width));
            } else if (expanded.stripLeading().startsWith("#")) {
                out.addAll(continued(expanded, width, "    "));
            } else {
                out.addAll(code(expanded, width));
            }
            inBlockComment = opensComment(line, inBlockComment);
        }
        return out;
    }

    /** Whether a block comment is open after this line. */
    private static boolean opensComment(String line, boolean open) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (open) {
                if (ch == '*' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                    open = false;
                    i++;
                }
            } else if (inString) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    inString = false;
                }
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                return false;
            } else if (ch == '/' && i + 1 < line.length() && line.charAt(i + 1) == '*') {
                open = true;
                i++;
            }
        }
        return open;
    }

    /** A line inside (or opening) a block comment: its words refilled, continued with " * ". */
    private static List<String> blockComment(String line, int width) {
        String lead = line.substring(0, line.length() - line.stripLeading().length());
        String body = line.stripLeading();
        String first = body.startsWith("/*") ? lead + "/*" : lead + " *";
        String text = body.startsWith("/*") ? body.substring(2) : body.startsWith("*") ? body.substring(1) : body;
        boolean closes = text.stripTrailing().endsWith("*/");
        if (closes) {
            text = text.stripTrailing();
            text = text.substring(0, text.length() - 2);
        }
        List<String> out = new ArrayList<>();
        List<String> filled = prose(text, width - first.length() - 1, "");
        for (int i = 0; i < filled.size(); i++) {
            out.add((i == 0 ? first : lead + " *") + " " + filled.get(i));
        }
        if (closes) {
            out.add(lead + " */");
        }
        return out;
    }

    private enum State { CODE, STRING, CHAR, LINE_COMMENT }

    /** A code line cut at a space outside literals; a // comment goes on as one; a long literal is split in two. */
    private static List<String> code(String line, int width) {
        List<String> out = new ArrayList<>();
        String indent = line.substring(0, line.length() - line.stripLeading().length()) + "    ";
        String rest = line;
        boolean commentOnly = false;
        while (rest.length() > width) {
            int before = rest.length();
            State state = commentOnly ? State.LINE_COMMENT : State.CODE;
            int cut = -1;
            State cutState = State.CODE;
            int stringCut = -1;
            for (int i = 0; i < rest.length() && i <= width; i++) {
                char ch = rest.charAt(i);
                switch (state) {
                    case CODE -> {
                        if (ch == '"') {
                            state = State.STRING;
                        } else if (ch == '\'') {
                            state = State.CHAR;
                        } else if (ch == '/' && i + 1 < rest.length() && rest.charAt(i + 1) == '/') {
                            state = State.LINE_COMMENT;
                        } else if (ch == ' ' && i > indent.length() + 3 && i < width) {
                            cut = i;
                            cutState = State.CODE;
                        }
                    }
                    case STRING -> {
                        if (ch == '\\') {
                            i++;
                        } else if (ch == '"') {
                            state = State.CODE;
                        } else if (i < width - 1 && i > indent.length() + 2) {
                            stringCut = i;
                        }
                    }
                    case CHAR -> {
                        if (ch == '\\') {
                            i++;
                        } else if (ch == '\'') {
                            state = State.CODE;
                        }
                    }
                    case LINE_COMMENT -> {
                        if (ch == ' ' && i < width && i > indent.length() + 3) {
                            cut = i;
                            cutState = State.LINE_COMMENT;
                        }
                    }
                }
            }
            if (cut > 0) {
                out.add(rest.substring(0, cut).stripTrailing());
                String tail = rest.substring(cut).stripLeading();
                commentOnly = cutState == State.LINE_COMMENT;
                rest = indent + (commentOnly && !tail.startsWith("//") ? "// " : "") + tail;
            } else if (stringCut > 0) {
                out.add(rest.substring(0, stringCut) + "\"");
                rest = indent + "\"" + rest.substring(stringCut);
            } else {
                break; // nothing to cut at: keep the line whole rather than break the program
            }
            if (rest.length() >= before) {
                break; // no progress: the rest stays one line
            }
        }
        out.add(rest);
        return out;
    }
}
