package dev.ringside.decoders.codec;

import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.FieldValue;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.decoders.values.Errno;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads typed text into field values and renders raw field bits back as people read them. */
public final class FieldValues {
    private FieldValues() {
    }

    /** The value of {@code text} for this field; a bad value is a one-line {@link ValueException}. */
    public static FieldValue parse(SqeField field, String text) {
        FieldValue value = switch (field.type()) {
            case FieldType.Flags flags -> new FieldValue.Scalar(flags.set().parse(text));
            case FieldType.Result r -> new FieldValue.Scalar(Values.parseResult(text));
            case FieldType.Duration d -> new FieldValue.Scalar(Values.parseDurationNanos(text));
            case FieldType.TimespecPointer t -> new FieldValue.Timespec(Values.parseDurationNanos(text));
            case FieldType.Address a -> text.startsWith("@") ? bufferRef(field, text)
                    : new FieldValue.RawAddress(Values.parseLong(text));
            case FieldType.Number n -> new FieldValue.Scalar(Values.parseLong(text));
            case FieldType.Fd f -> new FieldValue.Scalar(Values.parseLong(text));
            case FieldType.UserData u -> new FieldValue.Scalar(Values.parseLong(text));
            case FieldType.Split split -> new FieldValue.Scalar(SplitValues.parse(split, text));
            case FieldType.HexBytes h -> new FieldValue.Bytes(HexBytes.parse(field.name(), text, (int) field.size()));
        };
        if (value instanceof FieldValue.Scalar(long bits)) {
            checkFits(field, bits, text);
        }
        return value;
    }

    /** {@code @name} or {@code @name+16}: a session buffer and a byte offset into it. */
    public static FieldValue.BufferRef bufferRef(SqeField field, String text) {
        Matcher m = BUFFER_REF.matcher(text);
        if (!m.matches()) {
            String hint = text.endsWith(".len") ? "; " + text + " is a length, for a len field" : "";
            throw new ValueException(field.name() + " takes a buffer as @name or @name+OFFSET, not '" + text + "'" + hint);
        }
        long offset = m.group(2) == null ? 0 : Values.parseLong(m.group(2));
        return new FieldValue.BufferRef(m.group(1), offset);
    }

    private static final Pattern BUFFER_REF =
            Pattern.compile("@([A-Za-z_][A-Za-z0-9_-]*)(?:\\+(\\w+))?");

    private static void checkFits(SqeField field, long bits, String text) {
        int width = (int) field.size() * 8;
        if (width >= 64) {
            return;
        }
        // unsigned fields also take negative numbers as their two's complement (len=-1)
        long min = -(1L << (width - 1));
        long max = field.signed() ? (1L << (width - 1)) - 1 : (1L << width) - 1;
        if (bits < min || bits > max) {
            throw new ValueException(field.name() + " is " + width + " bits wide; " + text + " does not fit");
        }
    }

    /** Raw bits of a field as text for its type: flag names, errno names, durations, hex addresses. */
    public static String render(SqeField field, long raw) {
        return switch (field.type()) {
            case FieldType.Flags flags -> flags.set().format(raw);
            case FieldType.Result r -> Errno.describeResult(signExtend(raw, field.size()));
            // the SQE holds the time itself (IMMEDIATE_ARG): say so, since the same slot is a pointer without the flag
            case FieldType.Duration d -> raw + " (" + Values.formatDurationNanos(raw) + "; the value itself, no pointer)";
            case FieldType.TimespecPointer t -> hex(raw);
            case FieldType.Address a -> hex(raw);
            case FieldType.Fd f -> Long.toString(field.signed() ? signExtend(raw, field.size()) : raw);
            case FieldType.Number n -> number(field.signed() ? signExtend(raw, field.size()) : raw);
            case FieldType.UserData u -> Long.toUnsignedString(raw);
            case FieldType.Split split -> SplitValues.render(split, raw);
            // raw holds only the first 8 bytes: SqeCodec.decode shows the whole array itself
            case FieldType.HexBytes h -> HexBytes.format(littleEndianBytes(raw, (int) Math.min(8, field.size())));
        };
    }

    private static byte[] littleEndianBytes(long raw, int count) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) (raw >>> (8 * i));
        }
        return bytes;
    }

    /** Small and negative numbers in decimal; large ones with their hex beside (masks, addresses). */
    static String number(long value) {
        return value >= -0x10000 && value < 0x10000 ? Long.toString(value)
                : Long.toString(value) + " (0x" + Long.toHexString(value) + ")";
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    public static long signExtend(long raw, long size) {
        int shift = 64 - (int) size * 8;
        return shift <= 0 ? raw : (raw << shift) >> shift;
    }
}
