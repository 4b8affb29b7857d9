package dev.ringside.shell.command.sqe;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The words of {@code sqe} as data: an opcode's options are its fields in the catalogue (its own first,
 * then the common ones, then the raw io_uring_sqe members), each with the catalogue's one-line doc.
 * The fields reach SqeCommand as typed ({@link Syntax#optionsAsTyped}), since a field's value depends on
 * the opcode and the session's buffers and the catalogue names the field in its errors; the rest of
 * the words (draft numbers, field names to unset) the declaration reads. The checks below name the field.
 */
final class SqeSyntax {
    private SqeSyntax() {
    }

    /** Each path of sqe: crafting, then the subcommands on drafts. */
    record Paths(Syntax craft, Syntax set, Syntax unset, Syntax show, Syntax list, Syntax drop, Syntax copy) {
    }

    /**
     * The per-opcode Syntaxes made so far, by catalogue, path and opcode: a script's loop names the same
     * opcode every pass, and building its options was a seventh of a pass. Bounded, as each draft's
     * {@code sqe set #N} is a path of its own.
     */
    static final class FieldSyntaxes {
        private record Key(Catalog catalog, String path, String opcode) {
            // written out (the catalogue by identity): a record's generated equals and hashCode cost more, every line
            @Override
            public boolean equals(Object other) {
                return other instanceof Key k && k.catalog == catalog && k.path.equals(path) && k.opcode.equals(opcode);
            }

            @Override
            public int hashCode() {
                return (System.identityHashCode(catalog) * 31 + path.hashCode()) * 31 + opcode.hashCode();
            }
        }

        private static final int KEPT = 64;
        private final Map<Key, Syntax> made = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Syntax> eldest) {
                return size() > KEPT;
            }
        };

        Syntax of(Session session, String path, Opcode op) {
            return made.computeIfAbsent(new Key(session.catalog(), path, op.name()), k -> fields(session, path, op));
        }
    }

    static Paths of(Session session, FieldSyntaxes fieldSyntaxes) {
        ValueType drafts = new ValueType.Choices("#N", s -> s.drafts().stream().map(d -> "#" + s.number(d)).toList());
        Optional<Opcode> last = session.drafts().isEmpty() ? Optional.empty() : Optional.of(session.drafts().getLast().opcode());
        return new Paths(
                Syntax.of("sqe", "Craft an SQE draft: sqe OPCODE FIELD=VALUE ... (e.g. sqe timeout user_data=2 ts=1ms).")
                        .with(Positional.optional("OPCODE", ValueType.Name.OPCODE, "the operation (help opcodes lists them)"))
                        .note("Fields are the opcode's own names (help OPCODE), the common ones (user_data, flags, fd, ...)"
                                + " or any raw io_uring_sqe member; as=NAME names the request: $NAME.res, $NAME.flags, ... its latest CQE.")
                        .refinedByCatalog(word -> opcode(session, word).map(op -> fieldSyntaxes.of(session, "sqe " + word, op)))
                        .withJson(),
                Syntax.of("sqe set", "Change fields of a draft (the last by default).")
                        .with(Positional.optional("#N", drafts, "the draft's number"))
                        .note("FIELD=VALUE ...: the draft's fields, as for sqe OPCODE (Tab lists them)")
                        .with(last.map(op -> options(session, op)).orElse(List.of())).optionsAsTyped()
                        .refinedBy(word -> draft(session, word).map(d -> fieldSyntaxes.of(session, "sqe set " + word, d.opcode()))),
                Syntax.of("sqe unset", "Clear fields of a draft back to zero (the last by default).")
                        .with(Positional.many("[#N] FIELD", new ValueType.Choices("FIELD", s -> last
                                .map(op -> s.catalog().fieldNames(op)).orElse(List.of())), "the draft's number, then field names")),
                Syntax.of("sqe show", "Show a draft decoded field by field, and its exact bytes.")
                        .with(Positional.optional("#N", drafts, "the draft's number (the last by default)")).withJson(),
                Syntax.of("sqe list", "List the drafts waiting for submit.").withJson(),
                Syntax.of("sqe drop", "Discard a draft (the last by default), or all of them.")
                        .with(Positional.optional("#N|all", new ValueType.Choices("#N|all", s -> {
                            List<String> out = new ArrayList<>(drafts.candidates(s, ""));
                            out.add("all");
                            return out;
                        }), "the draft's number, or all")),
                Syntax.of("sqe copy", "Append a copy of a draft (the last by default).")
                        .with(Positional.optional("#N", drafts, "the draft's number")));
    }

    private static Optional<Opcode> opcode(Session session, String word) {
        try {
            return Optional.of(session.catalog().opcode(word));
        } catch (ValueException e) {
            return Optional.empty();
        }
    }

    private static Optional<SqeDraft> draft(Session session, String word) {
        return session.drafts().stream().filter(d -> ("#" + session.number(d)).equals(word)).findFirst();
    }

    private static Syntax fields(Session session, String path, Opcode op) {
        return Syntax.of(path, op.summary()).with(options(session, op))
                .note("and any raw io_uring_sqe member as NAME=N (Tab lists them; help " + op.name().toLowerCase(java.util.Locale.ROOT)
                        + " shows flag names and kernels)").optionsAsTyped().withJson();
    }

    /** The opcode's fields as options, grouped for Tab: its own, the common ones, the raw members. */
    static List<Option> options(Session session, Opcode op) {
        Set<String> own = new LinkedHashSet<>();
        op.fields().forEach(f -> own.add(f.name()));
        Set<String> common = new LinkedHashSet<>();
        Catalog.COMMON_FIELDS.forEach(f -> common.add(f.name()));
        Set<String> seen = new LinkedHashSet<>();
        List<Option> out = new ArrayList<>();
        for (SqeField f : session.catalog().fieldsOf(op)) {
            if (!seen.add(f.name()) || f.name().equals("opcode")) {
                continue;
            }
            ValueType type = f.type() instanceof FieldType.Flags(var set) ? new ValueType.FlagsOf(set)
                    : new ValueType.Choices(f.type().placeholder(), s -> List.of());
            String group = own.contains(f.name()) ? op.name() + " fields"
                    : common.contains(f.name()) ? "common fields" : "io_uring_sqe members";
            Option option = Option.of(f.name(), type, f.doc()).inGroup(group);
            out.add(own.contains(f.name()) || common.contains(f.name()) ? option : option.tabOnly());
        }
        return out;
    }

    /**
     * Refusals that name the field: flag names given to a raw member that takes a number (timeout_flags
     * on NOP), and a negative time for a timespec the kernel would reject.
     */
    static void checkValue(Session session, Opcode op, SqeField f, String value) {
        boolean named = session.catalog().namedFields(op).contains(f.name());
        if (!named && f.type() instanceof FieldType.Number && !Values.looksNumeric(value) && !value.startsWith("@")
                && !value.startsWith("$")) {
            String owners = session.catalog().opcodes().stream()
                    .filter(o -> o.fields().stream().anyMatch(s -> s.name().equals(f.name())))
                    .map(Opcode::name).limit(4).reduce((a, b) -> a + ", " + b).orElse("");
            throw new ValueException(f.name() + " is not a " + op.name() + " field"
                    + (owners.isEmpty() ? "" : " (it is " + owners + "'s)") + "; here it is the raw io_uring_sqe member "
                    + f.uapiName() + ", which takes a number, not '" + value + "'");
        }
        if (f.type() instanceof FieldType.TimespecPointer && value.trim().startsWith("-")) {
            throw new ValueException(f.name() + " is a time to wait, not '" + value + "': a timespec is never negative");
        }
    }
}
