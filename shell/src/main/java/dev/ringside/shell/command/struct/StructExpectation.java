package dev.ringside.shell.command.struct;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.LibcLayouts;
import dev.ringside.decoders.layout.MemberKind;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.layout.TypedStruct;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.command.expect.Comparison;
import dev.ringside.shell.command.expect.ExpectCommand;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.memory.SessionBuffer;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code expect struct st stx_size=10 stx_mask=SIZE|MODE 1.iov_len=4}: members of a typed struct buffer
 * as they are now (the kernel wrote them), each compared with the value the builder would write for
 * the text, byte for byte; FIELD= checks every entry, I.FIELD= entry I. A numeric member also takes the
 * shared {@link Comparison} ({@code stx_size>=1}, {@code stx_mask&SIZE=SIZE}, {@code sin_family=2,10}) on its number.
 * Each check is one expectation, journaled as the member's bytes or its comparison, so export c checks the same.
 */
public final class StructExpectation {
    /** {@code 1.iov_len>=4}: entry, member, mask, operator, value. */
    private static final Pattern CHECK = Pattern.compile("(?:(\\d+)\\.)?([A-Za-z_][A-Za-z0-9_.]*?)(&[^=!<>]+)?(=|!=|<=|>=|<|>)(.*)");

    public static final Syntax SYNTAX = Syntax.of("expect struct",
                    "Check members of a typed struct buffer (built by struct) as they are now: FIELD=VALUE for every entry, I.FIELD=VALUE for entry I.")
            .with(Positional.required("NAME", ValueType.Name.BUFFER, "a buffer built by struct"),
                    Positional.many("FIELD=VALUE", new ValueType.Choices("FIELD=VALUE", s -> List.of()),
                            "a member and the value it must hold (numbers, flag names, 127.0.0.1, paths, @BUF+OFF, @BUF.len)"))
            .optionsAsTyped()
            .note("e.g. expect struct st stx_size=10 stx_mask&SIZE=SIZE  |  expect struct sa sin_port=8080 sin_addr=127.0.0.1")
            .withJson();

    /** One member check as typed. */
    record Check(int entry, String member, String mask, String op, String value, String word) {
    }

    private final Session session;
    private final SessionBuffer buffer;
    private final TypedStruct type;
    private final List<Check> checks = new ArrayList<>();

    public StructExpectation(Session session, Args args) {
        this.session = session;
        this.buffer = session.resources().buffer(args.word(0).orElseThrow());
        this.type = StructFields.typed(session, buffer);
        for (String word : args.words().subList(1, args.words().size())) {
            Matcher m = CHECK.matcher(word);
            if (!m.matches()) {
                throw new ConsoleException("'" + word + "' is not FIELD=VALUE; members of " + type.name() + ": "
                        + String.join(", ", StructBuilder.names(type)), word);
            }
            checks.add(new Check(m.group(1) == null ? -1 : Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4),
                    m.group(5), word));
        }
        if (checks.isEmpty()) {
            throw new ConsoleException("expect struct " + buffer.name() + " needs FIELD=VALUE; members of " + type.name() + ": "
                    + String.join(", ", StructBuilder.names(type)));
        }
    }

    public void check() {
        int entries = StructFields.entries(buffer);
        for (Check c : checks) {
            LayoutPaths.Field f = StructFields.field(type, c.member(), c.word());
            if (c.entry() >= entries) {
                throw new ConsoleException(c.word() + ": " + buffer.name() + " has entries 0.." + (entries - 1), c.word());
            }
            boolean compared = c.mask() != null || !c.op().equals("=") || c.value().contains(",");
            Comparison comparison = compared ? comparison(c, f) : null;
            for (int i = c.entry() < 0 ? 0 : c.entry(); i < (c.entry() < 0 ? entries : c.entry() + 1); i++) {
                if (compared) {
                    compare(c, f, comparison, i, entries);
                } else {
                    equal(c, f, i, entries);
                }
            }
        }
    }

    private void equal(Check c, LayoutPaths.Field f, int entry, int entries) {
        byte[] wanted = StructFields.expected(session, type, f, c.value(), c.word());
        long offset = entry * type.size() + f.offset();
        byte[] got = buffer.read(offset, wanted.length);
        boolean met = Arrays.equals(wanted, got);
        String what = "struct " + buffer.name() + (entries > 1 ? "[" + entry + "]" : "") + "." + f.path();
        JournalWrites.expectedBytes(session, buffer.name(), offset, wanted, met);
        if (!met) {
            throw new ExpectationFailed(what + "=" + c.value(), what + "=" + StructFields.text(buffer, type, entry, f));
        }
        ExpectCommand.met(session, what + "=" + c.value());
    }

    /** {@code stx_mask&SIZE=SIZE}, {@code stx_size>=1}, {@code sin_family=2,10}: the shared comparison on a numeric member, flag names of its set. */
    private Comparison comparison(Check c, LayoutPaths.Field f) {
        MemberKind kind = type.kind(f.path());
        boolean numeric = f.layout() instanceof ValueLayout && (kind instanceof MemberKind.Number || kind instanceof MemberKind.Flags
                || kind instanceof MemberKind.Length || kind instanceof MemberKind.Pointer);
        if (!numeric) {
            throw new ConsoleException(c.word() + ": " + f.path() + " is no number (an address, path or bytes): compare it with = and one value",
                    c.word());
        }
        ValueType values = kind instanceof MemberKind.Flags flags ? new ValueType.FlagsOf(flags.set())
                : new ValueType.Number(Long.MIN_VALUE, Long.MAX_VALUE);
        boolean signed = kind instanceof MemberKind.Number n && n.signed();
        try {
            return Comparison.parse(f.path(), (c.mask() == null ? "" : c.mask()) + c.op() + c.value(), values, signed, session);
        } catch (ValueException e) {
            throw new ConsoleException(c.word() + ": " + e.getMessage(), c.word());
        }
    }

    private void compare(Check c, LayoutPaths.Field f, Comparison comparison, int entry, int entries) {
        long offset = entry * type.size() + f.offset();
        long actual = MemberValues.read(buffer.segment(), entry * type.size(), f, type.kind(f.path()));
        boolean met = comparison.test(actual);
        String what = "struct " + buffer.name() + (entries > 1 ? "[" + entry + "]" : "") + "." + comparison.describe();
        boolean big = ((ValueLayout) f.layout()).order() == ByteOrder.BIG_ENDIAN;
        session.journal().record(new Event.ExpectedMember(session.journal().now(), buffer.name(), offset, (int) f.size(), big,
                comparison.toEvent(), "expect " + what, met));
        if (!met) {
            throw new ExpectationFailed(what, "struct " + buffer.name() + (entries > 1 ? "[" + entry + "]" : "") + "." + f.path() + "="
                    + StructFields.text(buffer, type, entry, f));
        }
        ExpectCommand.met(session, what);
    }

    static List<String> typeNames() {
        return LibcLayouts.names();
    }
}
