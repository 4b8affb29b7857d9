package dev.ringside.decoders.codec;

import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;

/** A {@link FieldType.Split} field as text: {@code bpf_op=3 bpf_flags=0x5}, typed as {@code 3:0x5}, a plain number or by half. */
public final class SplitValues {
    private SplitValues() {
    }

    public static long high(FieldType.Split split, long raw) {
        return raw >>> split.shift();
    }

    public static long low(FieldType.Split split, long raw) {
        return raw & lowMask(split);
    }

    static long lowMask(FieldType.Split split) {
        return (1L << split.shift()) - 1;
    }

    public static String render(FieldType.Split split, long raw) {
        return split.highName() + "=" + high(split, raw) + " " + split.lowName() + "=0x" + Long.toHexString(low(split, raw))
                + split.refusal(high(split, raw)).map(r -> "   (" + r + ")").orElse("");
    }

    /** {@code raw} with its high half ({@code high} true) or low half replaced by {@code text}: {@code bpf_op=3}. */
    public static long withHalf(FieldType.Split split, long raw, boolean high, String text) {
        long value = Values.parseLong(text);
        long max = high ? (1L << (32 - split.shift())) - 1 : lowMask(split);
        if (value < 0 || value > max) {
            throw new ValueException((high ? split.highName() : split.lowName()) + " takes 0.." + max + "; " + text + " does not fit");
        }
        return high ? (raw & lowMask(split)) | (value << split.shift()) : (raw & ~lowMask(split)) | value;
    }

    /** {@code HIGH:LOW} (both numbers) or the whole value as one number. */
    public static long parse(FieldType.Split split, String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Values.parseLong(text);
        }
        long high = Values.parseLong(text.substring(0, colon));
        long low = Values.parseLong(text.substring(colon + 1));
        if (low < 0 || low > lowMask(split)) {
            throw new ValueException(split.lowName() + " is " + split.shift() + " bits wide; " + low + " does not fit ("
                    + split.highName() + ":" + split.lowName() + ", e.g. 3:0x5)");
        }
        if (high < 0) {
            throw new ValueException(split.highName() + " cannot be negative: " + text);
        }
        return (high << split.shift()) | low;
    }
}
