package dev.ringside.shell.command.expect;

import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.memory.SessionBuffer;

import java.util.Arrays;

/**
 * {@code expect buf dst same=@src}: a buffer's bytes equal another's ({@code @src+16} from an offset of
 * it, {@code offset=} of this one, {@code len=} how many; by default all that both have from there).
 */
final class SameBytesExpectation {
    private SameBytesExpectation() {
    }

    static void check(Session session, Args args, String name) {
        String ref = args.text("same");
        if (!ref.matches("@[^+]+(\\+.+)?")) {
            throw args.error("same", "same= takes another buffer as @NAME or @NAME+OFFSET, not '" + ref + "'");
        }
        int plus = ref.indexOf('+');
        String other = plus < 0 ? ref.substring(1) : ref.substring(1, plus);
        long otherOffset;
        try {
            otherOffset = plus < 0 ? 0 : Values.parseLong(ref.substring(plus + 1));
        } catch (RuntimeException e) {
            throw args.error("same", "same=" + ref + ": the offset after '+' is no number");
        }
        long offset = args.number("offset");
        SessionBuffer mine = session.resources().buffer(name);
        SessionBuffer theirs = session.resources().buffer(other);
        if (offset > mine.size() || otherOffset < 0 || otherOffset > theirs.size()) {
            throw new ConsoleException("expect buf: offset " + offset + " of " + name + " (" + mine.size() + " bytes) or "
                    + otherOffset + " of " + other + " (" + theirs.size() + " bytes) is past its end");
        }
        long length = args.optionalNumber("len").orElse(Math.min(mine.size() - offset, theirs.size() - otherOffset));
        byte[] a;
        byte[] b;
        try {
            a = mine.read(offset, length);
            b = theirs.read(otherOffset, length);
        } catch (RuntimeException e) {
            throw new ConsoleException(e.getMessage(), name);
        }
        boolean met = Arrays.equals(a, b);
        session.journal().record(new Event.ExpectedSame(session.journal().now(), name, offset, other, otherOffset, length, met));
        String what = "buf " + name + (offset == 0 ? "" : " offset=" + offset) + " same=" + ref + " len=" + length;
        if (!met) {
            int at = Arrays.mismatch(a, b);
            throw new ExpectationFailed(what, "byte " + at + " differs: " + String.format("0x%02x", a[at]) + " vs "
                    + String.format("0x%02x", b[at]) + " (" + name + " " + BufferText.describe(Arrays.copyOfRange(a, at, (int) Math.min(a.length, at + 16L)))
                    + ", " + other + " " + BufferText.describe(Arrays.copyOfRange(b, at, (int) Math.min(b.length, at + 16L))) + ")");
        }
        ExpectCommand.met(session, what);
    }
}
