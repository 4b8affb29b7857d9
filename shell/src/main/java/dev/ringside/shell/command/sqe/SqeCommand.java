package dev.ringside.shell.command.sqe;

import dev.ringside.decoders.render.HexLines;
import dev.ringside.shell.syntax.Args;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.FieldValue;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.decoders.codec.Decoded;
import dev.ringside.decoders.codec.DecodedField;
import dev.ringside.decoders.codec.FieldConditions;
import dev.ringside.decoders.codec.FieldValues;
import dev.ringside.decoders.codec.PointerSource;
import dev.ringside.decoders.codec.SqeCodec;
import dev.ringside.decoders.flags.SqeFlag;
import dev.ringside.decoders.render.JsonRenderer;
import dev.ringside.decoders.render.TextRenderer;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.PreviewPointers;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.SqeSafety;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.session.UserDataText;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code sqe OPCODE field=value ...} and {@code sqe set|unset|show|list|drop}: crafting SQE drafts. */
public final class SqeCommand implements Declared {
    private final Session session;
    private final SqeSyntax.FieldSyntaxes fieldSyntaxes = new SqeSyntax.FieldSyntaxes();

    public SqeCommand(Session session) {
        this.session = session;
    }

    /** The verbs last made, and what they were made from: the catalogue and the last draft's opcode (sqe set's options). */
    private record MadeVerbs(dev.ringside.decoders.catalog.Catalog catalog, Opcode lastDraft, List<Verb> verbs) {
    }

    private MadeVerbs made;

    @Override
    public List<Verb> verbs() {
        // asked for on every sqe line (dispatch, name, help): made again only when what they read changed
        Opcode last = session.drafts().isEmpty() ? null : session.drafts().getLast().opcode();
        MadeVerbs known = made;
        if (known != null && known.catalog() == session.catalog() && known.lastDraft() == last) {
            return known.verbs();
        }
        List<Verb> verbs = makeVerbs();
        made = new MadeVerbs(session.catalog(), last, verbs);
        return verbs;
    }

    private List<Verb> makeVerbs() {
        SqeSyntax.Paths paths = SqeSyntax.of(session, fieldSyntaxes);
        return List.of(new Verb(paths.craft(), this::craft), new Verb(paths.set(), this::set), new Verb(paths.unset(), this::unset),
                new Verb(paths.show(), this::show), new Verb(paths.list(), this::list), new Verb(paths.drop(), this::drop),
                new Verb(paths.copy(), this::copy));
    }

    private void craft(Args args) {
        if (args.word(0).isEmpty()) {
            list(args);
            return;
        }
        String opcode = args.word(0).get();
        OpcodeNamed named = opcodeNamed(opcode);
        Opcode op = named.opcode();
        SqeDraft draft = new SqeDraft(op);
        defaultUserData(draft, named.userData(), session.nextDraftNumber());
        List<String> words = fieldWords(args);
        Optional<String> as = requestName(words);
        assign(draft, words);
        int n = session.addDraft(draft);
        as.ifPresent(name -> session.captures().name(name, n));
        if (session.output().printsResults()) { // not made when nobody sees it (--quiet): a script's loop crafts every pass
            session.output().result("sqe", session.output().json() ? new DraftView(n, op.name(), optionsAsTyped(draft), null, null)
                    : null, summary(n, draft)); // the record only for --json
        }
        noteInapplicable(n, draft);
    }

    /** The opcode a word names in the session's catalogue, with its user_data field; the last one is kept (a loop crafts the same every pass). */
    private OpcodeNamed opcodeNamed(String word) {
        OpcodeNamed last = lastOpcode;
        if (last != null && last.catalog() == session.catalog() && last.word().equals(word)) {
            return last;
        }
        Opcode op;
        try {
            op = session.catalog().opcode(word);
        } catch (ValueException e) {
            throw new ConsoleException(e.getMessage(), word);
        }
        OpcodeNamed named = new OpcodeNamed(session.catalog(), word, op, field(op, "user_data"));
        if (session.catalog().opcode(op.number()).orElse(null) == op) { // a number it does not know is made anew each time, as before
            lastOpcode = named;
        }
        return named;
    }

    /** An opcode as a word named it in a catalogue, and its user_data field (the catalogue's, as {@link #field} finds it). */
    private record OpcodeNamed(dev.ringside.decoders.catalog.Catalog catalog, String word, Opcode opcode, SqeField userData) {
    }

    private OpcodeNamed lastOpcode;

    /** A field its flags rule out is only noted while crafting (the flag may come next); show and submit refuse it. */
    private void noteInapplicable(int number, SqeDraft draft) {
        if (!session.output().printsText()) {
            return; // the note would not print
        }
        FieldConditions.violation(draft).ifPresent(message ->
                session.output().text("note: sqe #" + number + ": " + message + " (show and submit refuse it as it is)"));
    }

    /**
     * Takes {@code as=NAME} off the words: the request's name for {@code $NAME.res}, {@code $NAME.flags}, ...
     * (its latest completion). NAME is a variable name, and not {@code cqe}, which is the last expect's.
     */
    private static Optional<String> requestName(List<String> words) {
        List<String> given = null; // a loop, not a stream: every sqe line asks, most name no request
        for (String w : words) {
            if (w.startsWith("as=")) {
                if (given == null) {
                    given = new ArrayList<>(1);
                }
                given.add(w);
            }
        }
        if (given == null) {
            return Optional.empty();
        }
        String word = given.getLast();
        if (given.size() > 1) {
            throw new ConsoleException("as is given twice (" + given.getFirst() + " and " + word + ")", word);
        }
        String name = word.substring(3);
        if (!dev.ringside.shell.script.Variables.NAME.matcher(name).matches() || name.equals("cqe")) {
            throw new ConsoleException("as=" + name + ": a request's name is letters, digits and _, not starting with a digit"
                    + (name.equals("cqe") ? ", and not cqe ($cqe is the completion the last expect cqe took)" : ""), word);
        }
        words.remove(word);
        return Optional.of(name);
    }

    /** The FIELD=VALUE words as typed, for the catalogue to parse. */
    private static List<String> fieldWords(Args args) {
        List<String> out = new ArrayList<>(args.words().size());
        for (String w : args.words()) {
            if (w.indexOf('=') > 0) {
                out.add(w);
            }
        }
        return out;
    }

    private void set(Args args) {
        if (args.words().stream().noneMatch(w -> w.indexOf('=') > 0)) {
            throw new ConsoleException("sqe set needs FIELD=VALUE; " + args.syntax().usage());
        }
        int n = draftNumber(new ArrayList<>(args.positionalWords()));
        SqeDraft draft = session.draft(n);
        assign(draft, fieldWords(args));
        session.out().println(summary(session.number(draft), draft));
        noteInapplicable(session.number(draft), draft);
    }

    private void unset(Args args) {
        List<String> rest = new ArrayList<>(args.positionalWords());
        if (rest.isEmpty()) {
            throw new ConsoleException("sqe unset needs a FIELD; " + args.syntax().usage());
        }
        int n = draftNumber(rest);
        SqeDraft draft = session.draft(n);
        for (String name : rest) {
            SqeField f = field(draft.opcode(), name);
            draft.unset(f);
            if (f.uapiName().equals("user_data")) {
                session.defaultUserData(draft, false);
            }
        }
        session.out().println(summary(session.number(draft), draft));
    }

    private void show(Args args) {
        List<String> rest = new ArrayList<>(args.positionalWords());
        int n = draftNumber(rest);
        SqeDraft draft = session.draft(n);
        int number = session.number(draft);
        FieldConditions.violation(draft).ifPresent(message -> {
            throw new ConsoleException("sqe #" + number + ": " + message);
        });
        MemorySegment bytes = encodePreview(draft);
        session.output().result("sqe", new DraftView(number, draft.opcode().name(), optionsAsTyped(draft),
                session.output().json() ? JsonRenderer.tree(SqeCodec.decode(bytes, session.catalog())) : null, // only --json prints it
                HexFormat.of().formatHex(bytes.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE))),
                show(number, draft) + HexLines.of(bytes.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
    }

    private void list(Args args) {
        if (session.drafts().isEmpty()) {
            session.output().text("no SQE drafts");
        }
        List<SqeDraft> drafts = session.drafts();
        for (int i = 0; i < drafts.size(); i++) {
            SqeDraft d = drafts.get(i);
            String mark = chainMark(i > 0 && links(drafts.get(i - 1)), links(d));
            session.output().result("sqe", new DraftView(session.number(d), d.opcode().name(), optionsAsTyped(d), null, null),
                    mark + summary(session.number(d), d));
        }
    }

    /** Whether the draft links the next one into its chain (IOSQE_IO_LINK or IOSQE_IO_HARDLINK). */
    private static boolean links(SqeDraft d) {
        long linkBits = SqeFlag.IO_LINK.value() | SqeFlag.IO_HARDLINK.value();
        return d.assignment("flags").map(SqeDraft.Assignment::value)
                .filter(v -> v instanceof FieldValue.Scalar)
                .map(v -> (((FieldValue.Scalar) v).bits() & linkBits) != 0).orElse(false);
    }

    /** The left margin of 'sqe list' that draws linked drafts as one chain. */
    static String chainMark(boolean linkedFromPrevious, boolean linksNext) {
        if (linkedFromPrevious) {
            return linksNext ? "\u2502 " : "\u2514 ";
        }
        return linksNext ? "\u250c " : "  ";
    }

    /** A draft as --json shows it: its fields as typed; for show also decoded from its bytes, and the bytes. */
    record DraftView(int number, String opcode, Map<String, String> fields, ObjectNode decoded, String bytes) {
    }

    private static Map<String, String> optionsAsTyped(SqeDraft d) {
        Map<String, String> fields = new LinkedHashMap<>();
        d.assignments().forEach(a -> fields.put(a.field().name(), a.text()));
        return fields;
    }

    private void drop(Args args) {
        if (args.word(0).filter("all"::equals).isPresent()) {
            int count = session.drafts().size();
            session.drafts().clear();
            session.out().println("dropped " + count + " drafts");
            return;
        }
        int n = draftNumber(new ArrayList<>(args.positionalWords()));
        SqeDraft draft = session.draft(n);
        int number = session.number(draft);
        session.drafts().remove(draft);
        session.out().println("dropped #" + number + " " + draft.opcode().name());
    }

    private void copy(Args args) {
        List<String> rest = new ArrayList<>(args.positionalWords());
        SqeDraft original = session.draft(draftNumber(rest));
        SqeDraft copy = original.copy();
        if (session.hasDefaultUserData(original)) {
            defaultUserData(copy, field(copy.opcode(), "user_data"), session.nextDraftNumber()); // a copy is another request: its own user_data
        }
        int n = session.addDraft(copy);
        session.out().println(summary(n, copy));
    }

    /** Takes a leading {@code #N} off the words; 0 means the last draft. */
    private static int draftNumber(List<String> words) {
        if (!words.isEmpty() && words.getFirst().startsWith("#")) {
            String word = words.removeFirst();
            try {
                return (int) Values.parseLong(word.substring(1));
            } catch (ValueException e) {
                throw new ConsoleException("'" + word + "' is not a draft number such as #2", word);
            }
        }
        return 0;
    }

    private SqeField field(Opcode op, String name) {
        try {
            return session.catalog().field(op, name);
        } catch (ValueException e) {
            throw new ConsoleException(e.getMessage(), name);
        }
    }

    /**
     * A new draft's user_data is its number, so that every request of a session has its own and a
     * CQE names its SQE exactly; a user_data typed later replaces it.
     */
    private void defaultUserData(SqeDraft draft, SqeField f, int number) {
        String text = Integer.toString(number);
        try {
            // a positive int in a 64-bit user_data is the Scalar the parse of its digits gives, without the parse
            FieldValue value = f.type() instanceof FieldType.UserData && f.size() == Long.BYTES && number >= 0
                    ? new FieldValue.Scalar(number) : FieldValues.parse(f, text);
            draft.set(f, value, text);
        } catch (ValueException e) {
            throw new IllegalStateException("a draft number is a valid user_data", e);
        }
        session.defaultUserData(draft, true);
    }

    private void assign(SqeDraft draft, List<String> words) {
        if (words.isEmpty()) { // sqe OPCODE alone: nothing to read, only the crafted draft's check
            SqeSafety.checkCrafted(session, draft);
            return;
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Assignment a : Assignment.parseAll(words)) {
            if (assignedHalf(draft, a)) {
                continue;
            }
            SqeField f = field(draft.opcode(), a.name());
            if (f.name().equals("opcode")) {
                throw a.error("the opcode is chosen by 'sqe OPCODE'; to send another number use 'sqe " + a.value() + "'");
            }
            if (a.value().isEmpty()) {
                throw a.error(a.name() + " needs a value");
            }
            String before = given.put(a.name(), a.word());
            if (before != null) {
                throw a.error(a.name() + " is given twice (" + before + " and " + a.word() + ")");
            }
            try {
                SqeSyntax.checkValue(session, draft.opcode(), f, a.value());
                String value = f.type() instanceof FieldType.UserData ? draftUserData(a) : a.value();
                draft.set(f, FieldValues.parse(f, session.resources().expand(f, value)), a.value());
                if (f.type() instanceof FieldType.Split split
                        && draft.assignment(f.uapiName()).orElseThrow().value() instanceof dev.ringside.decoders.catalog.FieldValue.Scalar sc) {
                    split.refusal(sc.bits() >>> split.shift()).ifPresent(r -> session.out().println("note: " + r + " by a kernel with the series"));
                }
                if (f.uapiName().equals("user_data")) {
                    session.defaultUserData(draft, false);
                }
            } catch (ValueException e) {
                throw a.error(e.getMessage());
            }
        }
        SqeSafety.checkCrafted(session, draft);
    }

    /**
     * {@code bpf_op=3}: one half of a split field ({@code bpf_op_flags}) by its own name; the other half keeps
     * what the draft had. False when the name is no half of this opcode's split fields.
     */
    private boolean assignedHalf(SqeDraft draft, Assignment a) {
        for (dev.ringside.decoders.catalog.FieldSpec spec : draft.opcode().fields()) {
            if (spec.type() instanceof FieldType.Split split && (split.highName().equals(a.name()) || split.lowName().equals(a.name()))) {
                SqeField f = field(draft.opcode(), spec.name());
                long raw = draft.assignment(f.uapiName()).filter(x -> x.field().name().equals(f.name()))
                        .map(x -> x.value() instanceof dev.ringside.decoders.catalog.FieldValue.Scalar sc ? sc.bits() : 0L).orElse(0L);
                try {
                    long next = dev.ringside.decoders.codec.SplitValues.withHalf(split, raw, split.highName().equals(a.name()), a.value());
                    String text = (next >>> split.shift()) + ":0x" + Long.toHexString(next & ((1L << split.shift()) - 1));
                    draft.set(f, new dev.ringside.decoders.catalog.FieldValue.Scalar(next), text);
                    split.refusal(next >>> split.shift()).ifPresent(r -> session.out().println("note: " + r + " by a kernel with the series"));
                } catch (ValueException e) {
                    throw a.error(e.getMessage());
                }
                return true;
            }
        }
        return false;
    }

    /**
     * {@code target=#2}: the user_data of draft #2, or of the request it became if it was submitted
     * and is still in flight, so a cancel or timeout update can name its target.
     */
    private String draftUserData(Assignment a) {
        if (!a.value().matches("#[0-9]{1,9}")) {
            return a.value();
        }
        int n = Integer.parseInt(a.value().substring(1));
        Optional<SqeDraft> draft = session.drafts().stream().filter(d -> session.number(d) == n).findFirst();
        if (draft.isPresent()) {
            return Long.toUnsignedString(draft.get().userData());
        }
        return session.inFlight(n).map(r -> Long.toUnsignedString(r.userData())).orElseThrow(() -> a.error("no draft "
                + a.value() + " and no request #" + n + " in flight" + (session.drafts().isEmpty() ? "" : "; drafts are " + session.draftList())));
    }

    /** {@code sqe #2 TIMEOUT user_data=2 ts=1ms}: the draft as the user wrote it. */
    static String summary(int number, SqeDraft draft) {
        StringBuilder line = new StringBuilder(48).append("sqe #").append(number).append(' ').append(draft.opcode().name());
        for (SqeDraft.Assignment a : draft.assignments()) { // one builder, no lambda: a loop's every sqe line prints this
            line.append(' ').append(a.field().name()).append('=').append(a.text());
        }
        return line.toString();
    }

    /** The draft decoded from the bytes it would become; timespec pointers show the time they will hold. */
    String show(int number, SqeDraft draft) {
        Decoded decoded = SqeCodec.decode(encodePreview(draft), session.catalog());
        List<DecodedField> fields = new ArrayList<>();
        for (DecodedField f : decoded.fields()) {
            String text = draft.assignments().stream()
                    .filter(a -> a.field().offset() == f.offset() && a.value() instanceof FieldValue.Timespec)
                    .map(a -> "-> " + Values.formatDurationNanos(((FieldValue.Timespec) a.value()).nanos())
                            + " (a timespec the ring allocates at submit)")
                    .findFirst()
                    .or(() -> bufferText(draft, f))
                    .or(() -> f.uapiName().equals("user_data") ? Optional.of(UserDataText.of(draft, f.raw())) : Optional.empty())
                    .orElse(f.text());
            fields.add(new DecodedField(f.name(), f.uapiName(), f.offset(), f.size(), f.raw(), text));
        }
        StringBuilder out = new StringBuilder("sqe #" + number + " " + draft.opcode().name() + "\n");
        TextRenderer.fields(fields, "  ", out);
        return out.toString();
    }

    /** {@code -> @b+16 (buffer b of 64 bytes)}: where a buffer reference will point once submitted. */
    private Optional<String> bufferText(SqeDraft draft, DecodedField f) {
        return draft.assignments().stream()
                .filter(a -> a.field().offset() == f.offset() && a.value() instanceof FieldValue.BufferRef)
                .map(a -> (FieldValue.BufferRef) a.value())
                .map(r -> "-> @" + r.name() + (r.offset() == 0 ? "" : "+" + r.offset())
                        + session.resources().buffers().find(r.name())
                                .map(b -> " (buffer " + b.name() + " of " + b.size() + " bytes)").orElse(" (no such buffer yet)"))
                .findFirst();
    }

    /** The bytes of a draft with pointers left zero: what 'show' decodes before memory is allocated. */
    private MemorySegment encodePreview(SqeDraft draft) {
        int size = session.currentName().map(n -> session.currentRing().ring()
                .sqeSizeFor(dev.ringside.decoders.catalog.Opcodes.bigSqe(draft.opcode()))).orElse(64);
        MemorySegment bytes = MemorySegment.ofArray(new byte[size]);
        SqeCodec.encode(draft, bytes, PREVIEW);
        return bytes;
    }

    /** {@code sqe show} writes 0 where a buffer address goes: the bytes do not depend on where buffers happen to lie. */
    private static final PointerSource PREVIEW = new PreviewPointers((name, offset) -> 0);
}
