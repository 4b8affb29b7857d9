package dev.ringside.shell.script;

import dev.ringside.shell.ConsoleException;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Turns the lines of a script file into {@link Step}s: "repeat ... {" opens a block that a line
 * holding only "}" closes; blocks nest. Everything else stays a line for the dispatcher.
 */
public final class ScriptParser {
    private ScriptParser() {
    }

    /** A structural error of the file, at a line and column. */
    public static final class Malformed extends RuntimeException {
        private final Where where;
        private final int column;

        Malformed(Where where, int column, String message) {
            super(message);
            this.where = where;
            this.column = column;
        }

        public Where where() {
            return where;
        }

        /** 1-based. */
        public int column() {
            return column;
        }
    }

    private record Open(Where where, String text, List<Step> body) {
    }

    public static List<Step> parse(Path file, List<String> lines, Where includedFrom) {
        List<Step> top = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            Where where = new Where(file, i + 1, includedFrom);
            List<Token> tokens;
            try {
                tokens = Tokenizer.split(text);
            } catch (ConsoleException e) {
                throw new Malformed(where, e.column() + 1, e.getMessage());
            }
            List<Step> into = open.isEmpty() ? top : open.peek().body();
            if (tokens.isEmpty()) {
                continue;
            }
            String first = tokens.getFirst().text().toLowerCase(Locale.ROOT);
            switch (first) {
                case "repeat" -> {
                    if (!tokens.getLast().text().equals("{") || tokens.size() < 3 || tokens.size() > 4) {
                        throw new Malformed(where, tokens.getFirst().column() + 1,
                                "write a repeat block as 'repeat COUNT [NAME] {', its lines, then '}' alone on a line");
                    }
                    open.push(new Open(where, text, new ArrayList<>()));
                }
                case "}" -> {
                    if (tokens.size() > 1) {
                        throw new Malformed(where, tokens.get(1).column() + 1, "'}' closes a repeat block and stands alone on its line");
                    }
                    if (open.isEmpty()) {
                        throw new Malformed(where, tokens.getFirst().column() + 1, "'}' without a 'repeat ... {' to close");
                    }
                    Open block = open.pop();
                    Step repeat = new Step.Repeat(block.where(), block.text(), List.copyOf(block.body()));
                    (open.isEmpty() ? top : open.peek().body()).add(repeat);
                }
                case "include" -> into.add(new Step.Include(where, text));
                default -> into.add(new Step.Line(where, text));
            }
        }
        if (!open.isEmpty()) {
            Open block = open.peek();
            throw new Malformed(block.where(), 1, "this repeat block is never closed: add a line with '}'");
        }
        return List.copyOf(top);
    }
}
