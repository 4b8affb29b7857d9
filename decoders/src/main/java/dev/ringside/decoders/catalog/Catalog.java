package dev.ringside.decoders.catalog;

import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;


/**
 * The opcodes and SQE fields the console knows: the built-in declarations of {@link Opcodes},
 * extendable at run time by profiles. Resolves the names people type to SQE bytes.
 */
public final class Catalog {
    /** Fields every opcode has, whatever it reads: they live outside the per-opcode unions. */
    public static final List<FieldSpec> COMMON_FIELDS = List.of(
            FieldSpec.field("opcode", SqeSlot.OPCODE, FieldType.NUMBER, "the IORING_OP_* of the request"),
            FieldSpec.field("flags", SqeSlot.FLAGS, FieldType.flags(FlagSets.SQE), "IOSQE_* flags"),
            FieldSpec.field("ioprio", SqeSlot.IOPRIO, FieldType.NUMBER, "I/O priority, or per-opcode flags"),
            FieldSpec.field("fd", SqeSlot.FD, FieldType.FD, "file descriptor, or fixed-file index with FIXED_FILE"),
            FieldSpec.field("user_data", SqeSlot.USER_DATA, FieldType.USER_DATA, "copied to the CQE unchanged"),
            FieldSpec.field("buf_index", SqeSlot.BUF_INDEX, FieldType.NUMBER, "registered buffer index; with BUFFER_SELECT the buffer group"),
            FieldSpec.field("personality", SqeSlot.PERSONALITY, FieldType.NUMBER, "registered credentials to issue with"));

    private static final Catalog BUILTIN = new Catalog(Opcodes.ALL);

    private final Map<Integer, Opcode> byNumber = new LinkedHashMap<>();
    /** The same opcodes by name, the first of a name: an sqe line names its opcode. */
    private final Map<String, Opcode> byName = new java.util.HashMap<>();
    /** Flag sets a profile extended, by set name; the global FlagSets stay untouched. */
    private final Map<String, FlagSet> flagSets;
    /** SQE union members a profile adds (bpf_op_flags), as raw fields. */
    private final List<SqeField> extraMembers;
    /** The profiles applied, in order: listed, and replayed on the built-in catalogue to unload one. */
    private final List<AppliedProfile> profiles;

    /**
     * A profile applied to a catalogue: its name, its one-line summary ({@code bpf-ext (IORING_OP_BPF v3) opcode=65}),
     * the opcode numbers it added, and how to apply it again (unloading another profile replays the rest).
     */
    public record AppliedProfile(String name, String summary, List<Integer> opcodes, UnaryOperator<Catalog> apply) {
        public AppliedProfile {
            opcodes = List.copyOf(opcodes);
        }
    }

    private Catalog(List<Opcode> opcodes) {
        this(opcodes, Map.of(), List.of(), List.of());
    }

    private Catalog(List<Opcode> opcodes, Map<String, FlagSet> flagSets, List<SqeField> extraMembers, List<AppliedProfile> profiles) {
        opcodes.forEach(op -> byNumber.put(op.number(), op));
        byNumber.values().forEach(op -> byName.putIfAbsent(op.name(), op));
        this.flagSets = Map.copyOf(flagSets);
        this.extraMembers = List.copyOf(extraMembers);
        this.profiles = List.copyOf(profiles);
    }

    public static Catalog builtin() {
        return BUILTIN;
    }

    /**
     * A copy with these opcodes added (profiles). A number or name the catalogue already has is refused:
     * a profile that replaced RECVMSG would silently change what every RECVMSG draft means.
     */
    public Catalog with(List<Opcode> extra) {
        for (Opcode e : extra) {
            opcode(e.number()).ifPresent(existing -> {
                throw new ValueException(e.name() + " would be opcode " + e.number() + ", which the catalogue has as "
                        + existing.name() + "; a profile adds opcodes, it does not replace them (free from " + firstFreeOpcode() + ")");
            });
            byNumber.values().stream().filter(op -> op.name().equals(e.name())).findFirst().ifPresent(existing -> {
                throw new ValueException("the catalogue has " + e.name() + " already, as opcode " + existing.number());
            });
        }
        List<Opcode> all = new ArrayList<>(byNumber.values());
        all.addAll(extra);
        return new Catalog(all, flagSets, extraMembers, profiles);
    }

    /** The lowest opcode number above every one the catalogue has: what a profile's new opcode may take. */
    public int firstFreeOpcode() {
        return byNumber.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    /** A copy in which the flag set of this name is {@code set} (a profile's extended setup flags). */
    public Catalog withFlagSet(FlagSet set) {
        Map<String, FlagSet> next = new LinkedHashMap<>(flagSets);
        next.put(set.name(), set);
        return new Catalog(opcodes(), next, extraMembers, profiles);
    }

    /** A copy with one more raw SQE member (a union member a patch series adds), replacing one of that name. */
    public Catalog withSqeMember(String name, long offset, long size, String doc) {
        List<SqeField> next = new ArrayList<>(extraMembers);
        next.removeIf(f -> f.name().equals(name));
        next.add(new SqeField(name, name, offset, size, false, FieldType.NUMBER, doc));
        return new Catalog(opcodes(), flagSets, next, profiles);
    }

    /** A copy with the profile applied and recorded; a profile of the same name loads only once. */
    public Catalog withProfile(AppliedProfile profile) {
        profile(profile.name()).ifPresent(loaded -> {
            throw new ValueException("profile " + profile.name() + " is loaded already (" + loaded.summary()
                    + "); 'profile unload " + profile.name() + "' first");
        });
        Catalog applied = profile.apply().apply(this);
        List<AppliedProfile> next = new ArrayList<>(profiles);
        next.add(profile);
        return new Catalog(applied.opcodes(), applied.flagSets, applied.extraMembers, next);
    }

    /** The built-in catalogue with every profile but this one applied again, in the order they were loaded. */
    public Catalog withoutProfile(String name) {
        if (profile(name).isEmpty()) {
            throw new ValueException("profile " + name + " is not loaded"
                    + (profiles.isEmpty() ? "; none is" : "; loaded: " + String.join(", ", profiles.stream().map(AppliedProfile::name).toList())));
        }
        Catalog out = BUILTIN;
        for (AppliedProfile p : profiles) {
            if (!p.name().equals(name)) {
                out = out.withProfile(p);
            }
        }
        return out;
    }

    /** The loaded profiles, in load order. */
    public List<AppliedProfile> appliedProfiles() {
        return List.copyOf(profiles);
    }

    public Optional<AppliedProfile> profile(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The summaries of the profiles applied, in order. */
    public List<String> profiles() {
        return profiles.stream().map(AppliedProfile::summary).toList();
    }

    /** A flag set by name ("setup flag"), as extended by the profiles of this catalogue. */
    public FlagSet flagSet(String name) {
        return Optional.ofNullable(flagSets.get(name)).or(() -> FlagSets.named(name))
                .orElseThrow(() -> new ValueException("no flag set '" + name + "'; valid: "
                        + String.join(", ", flagSetNames())));
    }

    /**
     * A built-in set as this catalogue's profiles extend it: the one registry that parsing, help and
     * completion read, so a flag a profile adds is parsed and offered alike.
     */
    public FlagSet flags(FlagSet builtIn) {
        return flagSet(builtIn.name());
    }

    /** Every flag set name this catalogue knows, built-in and from profiles. */
    public List<String> flagSetNames() {
        Set<String> names = new LinkedHashSet<>();
        FlagSets.all().forEach(set -> names.add(set.name()));
        names.addAll(flagSets.keySet());
        return List.copyOf(names);
    }

    /** The SQE members a profile added, beyond those of the uapi header. */
    public List<SqeField> extraSqeMembers() {
        return extraMembers;
    }

    public List<Opcode> opcodes() {
        return List.copyOf(byNumber.values());
    }

    public Optional<Opcode> opcode(int number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    /** An opcode by name ({@code timeout}, {@code IORING_OP_TIMEOUT}) or number ({@code 11}, {@code 0xb}). */
    public Opcode opcode(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        String bare = upper.startsWith("IORING_OP_") ? upper.substring("IORING_OP_".length()) : upper;
        Optional<Opcode> named = Optional.ofNullable(byName.get(bare));
        if (named.isPresent()) {
            return named.get();
        }
        if (Values.looksNumeric(text)) {
            long value = Values.parseLong(text);
            // the SQE's opcode is a __u8
            if (value < 0 || value > 0xff) {
                throw new ValueException("opcode " + text + " is outside 0..255 (the SQE's opcode byte)");
            }
            int number = (int) value;
            return opcode(number).orElseGet(() -> unknown(number));
        }
        List<String> names = byNumber.values().stream().map(op -> op.name().toLowerCase(Locale.ROOT)).toList();
        throw new ValueException("unknown opcode '" + text + "'" + Values.suggestion(text, names)
                + "; 'help opcodes' lists all " + names.size());
    }

    /** An opcode number the catalogue does not know: it decodes as raw fields and never fails. */
    public static Opcode unknown(int number) {
        return new Opcode(number, "OP_" + number, "unknown", "an opcode this catalogue does not know", List.of());
    }

    public String opcodeName(int number) {
        return opcode(number).map(Opcode::name).orElse("OP_" + number);
    }

    /** The readings of this opcode's fields, common fields, and raw uapi members, in that order. */
    public List<SqeField> fieldsOf(Opcode op) {
        return fieldsMemo(op).fields();
    }

    /** An opcode's fields, as a list and by name (the first of a name wins, as {@link #field} finds it). */
    private record OpcodeFields(Opcode op, List<SqeField> fields, Map<String, SqeField> byName) {
    }

    /**
     * The fields made so far, by opcode number: every sqe line and every submit asks for its opcode's fields, and
     * a catalogue never changes (a profile makes another). Checked by identity, so a stranger Opcode of the
     * same number (an unknown one) gets its own.
     */
    private final Map<Integer, OpcodeFields> fieldsMade = new java.util.concurrent.ConcurrentHashMap<>();

    private OpcodeFields fieldsMemo(Opcode op) {
        OpcodeFields made = fieldsMade.get(op.number());
        if (made != null && made.op() == op) {
            return made;
        }
        List<SqeField> out = new ArrayList<>();
        op.fields().forEach(spec -> out.add(withCatalogFlags(withProfileMember(SqeField.of(spec)))));
        COMMON_FIELDS.forEach(spec -> out.add(withCatalogFlags(SqeField.of(spec))));
        out.addAll(RAW_FIELDS);
        out.addAll(extraMembers);
        Map<String, SqeField> byName = new java.util.HashMap<>();
        out.forEach(f -> byName.putIfAbsent(f.name(), f));
        made = new OpcodeFields(op, java.util.Collections.unmodifiableList(out), byName);
        if (byNumber.get(op.number()) == op) { // a catalogue's own opcode; an unknown one is made again each time
            fieldsMade.put(op.number(), made);
        }
        return made;
    }

    /** A flag-typed field takes its set from this catalogue, so a profile that extends the set extends the field. */
    private SqeField withCatalogFlags(SqeField f) {
        if (f.type() instanceof FieldType.Flags(FlagSet set) && flagSets.containsKey(set.name())) {
            return new SqeField(f.name(), f.uapiName(), f.offset(), f.size(), f.signed(),
                    FieldType.flags(flagSets.get(set.name())), f.doc());
        }
        return f;
    }

    /** A field named after a profile's SQE member at its bytes is that member, not the slot's first one. */
    private SqeField withProfileMember(SqeField f) {
        boolean member = extraMembers.stream().anyMatch(m -> m.name().equals(f.name()) && m.offset() == f.offset());
        return member ? new SqeField(f.name(), f.name(), f.offset(), f.size(), f.signed(), f.type(), f.doc()) : f;
    }

    /** The names a user may type for this opcode, each once, most specific first. */
    public List<String> fieldNames(Opcode op) {
        Set<String> names = new LinkedHashSet<>();
        fieldsOf(op).forEach(f -> names.add(f.name()));
        return List.copyOf(names);
    }

    /** The opcode's own field names and the common ones: what an error message lists. */
    public List<String> namedFields(Opcode op) {
        Set<String> names = new LinkedHashSet<>();
        op.fields().forEach(f -> names.add(f.name()));
        COMMON_FIELDS.forEach(f -> names.add(f.name()));
        return List.copyOf(names);
    }

    /** A field of this opcode by the name typed; an unknown one names the valid choices. */
    public SqeField field(Opcode op, String name) {
        return Optional.ofNullable(fieldsMemo(op).byName().get(name))
                .orElseThrow(() -> new ValueException("no field '" + name + "' for " + op.name()
                        + Values.suggestion(name, fieldNames(op)) + "; valid: " + String.join(", ", namedFields(op))
                        + ", or any raw io_uring_sqe member"));
    }

    /** Whether a name is itself a member of struct io_uring_sqe (timeout_flags is; ts is not). */
    public static boolean isSqeMember(String name) {
        return SQE_MEMBER_NAMES.contains(name);
    }

    // from the layout, not RAW_FIELDS: the flexible cmd[] member has no bytes of its own but is a member
    private static final Set<String> SQE_MEMBER_NAMES = LayoutPaths.fields(UapiLayouts.IO_URING_SQE).stream()
            .map(LayoutPaths.Field::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Raw members that hold user-space addresses: only session buffers, or raw numbers in unsafe mode. */
    private static final Set<String> ADDRESS_MEMBERS = Set.of("addr", "addr2", "addr3", "optval", "attr_ptr");

    /** Every named member of struct io_uring_sqe, usable on any opcode for raw crafting. */
    static final List<SqeField> RAW_FIELDS = LayoutPaths.fields(UapiLayouts.IO_URING_SQE).stream()
            .filter(f -> f.size() > 0)
            .map(f -> new SqeField(f.name(), f.name(), f.offset(), f.size(),
                    UapiLayouts.isSigned(UapiLayouts.IO_URING_SQE, f.name()), rawType(f.name()), "raw uapi member " + f.name()))
            .toList();

    private static FieldType rawType(String uapiName) {
        return ADDRESS_MEMBERS.contains(uapiName) ? FieldType.ADDRESS : FieldType.NUMBER;
    }
}
