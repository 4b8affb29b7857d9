package dev.ringside.shell.command.decode;

import dev.ringside.shell.ConsoleException;

import java.io.ByteArrayOutputStream;
import java.util.regex.Pattern;

/**
 * Bytes from hex as people paste it: plain digits with spaces and newlines, {@code 0x} prefixes and
 * commas (C arrays, bpftrace), {@code \x0b} escapes, {@code hexdump -C} and {@code xxd} lines (their
 * offset column and ASCII column are dropped).
 */
final class HexInput {
    private HexInput() {
    }

    /** {@code 00000010  0b 00 ... |....|}: hexdump -C; the offset is 7 or 8 hex digits then two spaces. */
    private static final Pattern HEXDUMP_LINE = Pattern.compile("^[0-9a-fA-F]{7,8}  ");
    /** hexdump's last line: the end offset alone. */
    private static final Pattern HEXDUMP_END = Pattern.compile("^[0-9a-fA-F]{7,8}$");
    /** {@code 00000010: 0b00 0000 ...  ....}: xxd; the offset ends with a colon. */
    private static final Pattern XXD_OFFSET = Pattern.compile("^[0-9a-fA-F]+:\\s");

    static byte[] parse(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder digits = new StringBuilder();
        boolean hexdump = text.lines().anyMatch(l -> HEXDUMP_LINE.matcher(l.strip()).find());
        for (String rawLine : text.split("\\R")) {
            String line = rawLine.strip();
            if (XXD_OFFSET.matcher(line).find()) {
                line = line.substring(line.indexOf(':') + 1);
                int ascii = line.indexOf("  ", 1);
                line = ascii < 0 ? line : line.substring(0, ascii);
            } else if (hexdump && HEXDUMP_END.matcher(line).matches()) {
                continue;
            } else if (hexdump && HEXDUMP_LINE.matcher(line).find()) {
                int bar = line.indexOf('|');
                line = (bar < 0 ? line : line.substring(0, bar)).replaceFirst("^[0-9a-fA-F]+", "");
            }
            line = line.replaceAll("(?i)0x|\\\\x", " ").replaceAll("[,{};\\[\\]]", " ");
            for (String word : line.trim().split("\\s+")) {
                if (word.isEmpty() || word.equals("*")) {
                    continue;
                }
                if (!word.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    throw new ConsoleException("not hex: '" + word + "' (give bytes as 0b 00 ..., 0x0b, \\x0b, or hexdump -C / xxd output)", word);
                }
                digits.append(word.length() % 2 == 1 && word.length() == 1 ? "0" + word : word);
            }
        }
        if (digits.length() % 2 != 0) {
            throw new ConsoleException("odd number of hex digits (" + digits.length() + "): bytes are two digits each");
        }
        for (int i = 0; i < digits.length(); i += 2) {
            out.write(Integer.parseInt(digits.substring(i, i + 2), 16));
        }
        return out.toByteArray();
    }
}
