package dev.ringside.shell.command.struct;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.LibcLayouts;
import dev.ringside.decoders.layout.TypedStruct;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.command.expect.ExpectCommand;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.tracer.memory.SessionBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code expect struct st stx_size=10 stx_mask=SIZE|MODE 1.iov_len=4}: members of a typed struct buffer
 * as they are now (the kernel wrote them), each compared with the value the builder would write for
 * the text, byte for byte; FIELD= checks every entry, I.FIELD= entry I. Each check is one expectation
 * (journaled as the member's bytes, so export c checks the same bytes).
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
            if (c.mask() != null || !c.op().equals("=")) {
                // merge hook: expect/Comparison.java (FIELD OP VALUE, &MASK, a,b alternatives) judges these on the member's number
                throw new ConsoleException(c.word() + ": expect struct compares with = only so far", c.word());
            }
            for (int i = c.entry() < 0 ? 0 : c.entry(); i < (c.entry() < 0 ? entries : c.entry() + 1); i++) {
                equal(c, f, i, entries);
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

    static List<String> typeNames() {
        return LibcLayouts.names();
    }
}
