package dev.ringside.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Every file the user names as input (a script, an include, {@code @FILE}, {@code file=}, a profile)
 * is read here: only a regular file, at most a stated size, in slices that Ctrl-C can stop, and as
 * text only when it is UTF-8 without NUL bytes. Devices, FIFOs and directories are refused before
 * they are opened, so {@code /dev/zero} cannot fill the heap and a FIFO cannot hang the console.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /** A script or an included file: far more than any reproducer, far less than the heap. */
    public static final int MAX_SCRIPT_BYTES = 16 << 20;
    /** A profile (JSON): the shipped ones are a few KiB. */
    public static final int MAX_PROFILE_BYTES = 1 << 20;
    /** {@code decode TYPE @FILE}: 1 MiB is 16,384 SQEs. */
    public static final int MAX_DECODE_BYTES = 1 << 20;
    /** {@code buf alloc|fill file=}: read through the heap, so bounded below it even for a 1 GiB buffer. */
    public static final int MAX_FILL_BYTES = 64 << 20;

    private static final int SLICE = 64 << 10;

    /** Why an input cannot be used, in one line; for text, where the first bad byte is (1-based, 0 when not about a position). */
    public static final class Refused extends ConsoleException {
        private final int line;
        private final int textColumn;

        Refused(String message, int line, int textColumn) {
            super(message);
            this.line = line;
            this.textColumn = textColumn;
        }

        public int line() {
            return line;
        }

        /** 1-based, in characters, on {@link #line()}; not a command-line column. */
        public int textColumn() {
            return textColumn;
        }

        /** Whether the error is about a place in the file's text rather than the file itself. */
        public boolean hasPosition() {
            return line > 0;
        }
    }

    /** Refuses anything but an existing regular file, naming what it is instead; opens nothing. */
    public static void checkRegular(Path path, String what) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new Refused(what + " " + path + " does not exist", 0, 0);
        } catch (AccessDeniedException e) {
            throw new Refused(what + " " + path + ": permission denied", 0, 0);
        } catch (IOException e) {
            throw new Refused("cannot read " + what + " " + path + ": " + e.getMessage(), 0, 0);
        }
        if (attributes.isDirectory()) {
            throw new Refused(what + " " + path + " is a directory, not a file", 0, 0);
        }
        if (!attributes.isRegularFile()) {
            throw new Refused(what + " " + path + " is " + kind(path) + ", not a regular file: only files are read", 0, 0);
        }
    }

    /** A FIFO, a character device...: from the mode bits, since BasicFileAttributes only says "other". */
    private static String kind(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }

    /** The bytes of a regular file of at most {@code maxBytes}; stops when {@code cancelled} turns true. */
    public static byte[] read(Path path, long maxBytes, String what, BooleanSupplier cancelled) {
        return read(path, maxBytes, "the most " + what + " may have", what, cancelled);
    }

    /** As {@link #read(Path, long, String, BooleanSupplier)}; {@code limitReason} says where the limit comes from. */
    public static byte[] read(Path path, long maxBytes, String limitReason, String what, BooleanSupplier cancelled) {
        checkRegular(path, what);
        try {
            long size = Files.size(path);
            if (size > maxBytes) {
                throw tooBig(path, what, size + " bytes, more", maxBytes, limitReason);
            }
            try (InputStream in = Files.newInputStream(path)) {
                return readBounded(in, maxBytes, limitReason, path.toString(), what, cancelled);
            }
        } catch (AccessDeniedException e) {
            throw new Refused(what + " " + path + ": permission denied", 0, 0);
        } catch (IOException e) {
            throw new Refused("cannot read " + what + " " + path + ": " + e.getMessage(), 0, 0);
        }
    }

    /** At most {@code maxBytes} from a stream (standard input), in slices; more is refused, not truncated. */
    public static byte[] readBounded(InputStream in, long maxBytes, String name, String what, BooleanSupplier cancelled)
            throws IOException {
        return readBounded(in, maxBytes, "the most " + what + " may have", name, what, cancelled);
    }

    private static byte[] readBounded(InputStream in, long maxBytes, String limitReason, String name, String what,
                                      BooleanSupplier cancelled) throws IOException {
        byte[] buffer = new byte[(int) Math.min(maxBytes + 1, SLICE)];
        int length = 0;
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new Refused("reading " + what + " " + name + " interrupted", 0, 0);
            }
            if (length == buffer.length) {
                if (length > maxBytes) {
                    throw tooBig(name, what, "more", maxBytes, limitReason);
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes + 1, (long) length * 2));
            }
            int n = in.read(buffer, length, Math.min(SLICE, buffer.length - length));
            if (n < 0) {
                break;
            }
            length += n;
        }
        if (length > maxBytes) {
            throw tooBig(name, what, "more", maxBytes, limitReason);
        }
        return Arrays.copyOf(buffer, length);
    }

    private static Refused tooBig(Object name, String what, String size, long maxBytes, String limitReason) {
        return new Refused(what + " " + name + " has " + size + " than " + maxBytes + " bytes (" + limitReason
                + "): refused", 0, 0);
    }

    /** A regular file as UTF-8 text, at most {@code maxBytes}. */
    public static String text(Path path, long maxBytes, String what, BooleanSupplier cancelled) {
        return utf8(read(path, maxBytes, what, cancelled), what);
    }

    /**
     * The bytes as UTF-8 text; a malformed sequence or a NUL byte is refused at its line and column
     * (lines end as {@link String#lines()} ends them, columns count characters), naming the byte.
     */
    public static String utf8(byte[] bytes, String what) {
        int nul = indexOf(bytes, (byte) 0);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, nul < 0 ? bytes.length : nul);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw badByte(bytes, in.position(), what, "is not UTF-8");
        }
        if (nul >= 0) {
            throw badByte(bytes, nul, what, "(NUL) has no place in text");
        }
        decoder.flush(out);
        String text = out.flip().toString();
        // a byte order mark some editors write is not part of the first command
        return text.startsWith("\ufeff") ? text.substring(1) : text;
    }

    private static Refused badByte(byte[] bytes, int offset, String what, String why) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        int column;
        try {
            // the bytes before the bad one on its line are valid UTF-8: count their characters
            column = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, lineStart, offset - lineStart))
                    .codePoints().map(c -> 1).sum() + 1;
        } catch (CharacterCodingException e) {
            column = offset - lineStart + 1;
        }
        return new Refused(String.format("byte 0x%02x at offset %d %s: %s must be UTF-8 text", bytes[offset] & 0xff,
                offset, why, what), line, column);
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
