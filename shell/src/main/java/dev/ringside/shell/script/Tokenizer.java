package dev.ringside.shell.script;

import dev.ringside.shell.ConsoleException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words, as a shell would: whitespace separates, single or double
 * quotes group, backslash escapes. A {@code #} at the start of a word starts a comment outside
 * quotes, except that {@code #N} (a digit follows) after the first word is a draft reference.
 */
public final class Tokenizer {
    private Tokenizer() {
    }

    public static List<Token> split(String line) {
        List<Token> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int start = -1;
        char quote = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (start >= 0) {
                    out.add(new Token(word.toString(), start, quoted));
                    word.setLength(0);
                    start = -1;
                    quoted = false;
                }
                continue;
            }
            if (c == '#' && start < 0 && !(out.size() > 0 && nextIsDigit(line, i))) {
                break;
            }
            if (start < 0) {
                start = i;
            }
            int arithmeticEnd = c == '$' && line.startsWith("$((", i) ? Variables.arithmeticEnd(line, i) : -1;
            if (arithmeticEnd > 0) {
                // $((i * 4)): one word, spaces and all, as in a shell
                word.append(line, i, arithmeticEnd);
                i = arithmeticEnd - 1;
            } else if (c == '\'' || c == '"') {
                quote = c;
                quoted = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new ConsoleException("unterminated " + (quote == '"' ? "double" : "single") + " quote", start);
        }
        if (start >= 0) {
            out.add(new Token(word.toString(), start, quoted));
        }
        return out;
    }

    /** {@code sqe show #1}: a digit after the '#' makes the word a draft reference, not a comment. */
    private static boolean nextIsDigit(String line, int i) {
        return i + 1 < line.length() && Character.isDigit(line.charAt(i + 1));
    }
}
