package dev.ringside.shell.script;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ringside -c 'ring create; sqe nop; submit wait=1'}: the text cut into script lines at each
 * {@code ;} or newline outside quotes, so {@code text="a;b"} and {@code \;} stay inside their line.
 */
public final class CommandLines {
    private CommandLines() {
    }

    public static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && quote != '\'') {
                // the escape is the Tokenizer's to read: keep both characters
                line.append(c).append(text.charAt(++i));
                continue;
            }
            if (quote == 0 && (c == ';' || c == '\n')) {
                lines.add(line.toString());
                line.setLength(0);
                continue;
            }
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            line.append(c);
        }
        lines.add(line.toString());
        return lines;
    }
}
