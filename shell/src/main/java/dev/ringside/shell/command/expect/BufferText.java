package dev.ringside.shell.command.expect;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Bytes as an expectation shows them: text="..." when they are printable UTF-8, else hex=... */
final class BufferText {
    private BufferText() {
    }

    static String describe(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            if (text.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
                return "text=\"" + text + "\"";
            }
        } catch (CharacterCodingException e) {
            // not text: shown as hex below
        }
        return "hex=" + HexFormat.of().formatHex(bytes);
    }
}
