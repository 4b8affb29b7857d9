package dev.ringside.shell.command.struct;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.LibcLayouts;
import dev.ringside.decoders.layout.MemberKind;
import dev.ringside.decoders.layout.TypedStruct;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Structures;
import dev.ringside.tracer.memory.BufferException;
import dev.ringside.tracer.memory.SessionBuffer;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds typed structs into new session buffers, member by member from their declared layout: every
 * pointer is a bounds-checked span of a live session buffer ({@code @b+8}), lengths may be
 * {@code @b.len} or {@code @v.count}, and the buffer remembers its type and the buffers it reaches so
 * SQEs may point the kernel at it outside unsafe mode (docs/SAFETY.md). The one source of such bytes:
 * {@code buf iovecs|msghdr|futex_waitv} come through here too.
 */
public final class StructBuilder {
    /** The most entries one struct buffer holds: arrays for liburing's tests are short. */
    public static final int MAX_ENTRIES = 4096;

    private static final Pattern POINTER = Pattern.compile("@([A-Za-z_][A-Za-z0-9_]*)(?:\\+(\\w+))?");
    private static final Pattern LENGTH = Pattern.compile("@([A-Za-z_][A-Za-z0-9_]*)\\.(len|count)");
    private static final Pattern INDEXED = Pattern.compile("(\\d+)\\.(.+)");

    /** One assignment as typed: {@code iov_len=8} or {@code 1.iov_len=8}; entry -1 means every entry. */
    public record Assignment(int entry, String member, String value, String word) {
        public static Assignment parse(String word) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new ConsoleException("'" + word + "' is not FIELD=VALUE or I.FIELD=VALUE", word);
            }
            String key = word.substring(0, eq);
            Matcher m = INDEXED.matcher(key);
            return m.matches() ? new Assignment(Integer.parseInt(m.group(1)), m.group(2), word.substring(eq + 1), word)
                    : new Assignment(-1, key, word.substring(eq + 1), word);
        }
    }

    /** A pointer member the builder set: entry, member, and where in which buffer it points. */
    private record Target(int entry, LayoutPaths.Field field, SessionBuffer buffer, long offset) {
    }

    private final Session session;
    private final TypedStruct type;
    private final int entries;
    private final MemorySegment bytes;
    private final List<Target> targets = new ArrayList<>();
    private final Map<String, Boolean> given = new LinkedHashMap<>();

    private StructBuilder(Session session, TypedStruct type, int entries) {
        this.session = session;
        this.type = type;
        this.entries = entries;
        this.bytes = MemorySegment.ofArray(new byte[(int) (type.size() * entries)]);
    }

    /** The type a script names ({@code iovec}), or one error naming the types. */
    public static TypedStruct type(String name) {
        return LibcLayouts.named(name).orElseThrow(() -> new ConsoleException("no struct type '" + name + "'"
                + Values.suggestion(name, LibcLayouts.names()) + "; types: " + String.join(", ", LibcLayouts.names()), name));
    }

    /**
     * The API for other commands: a new session buffer {@code name} holding {@code entries} zeroed or
     * assigned {@code type} structs, built and journaled (so record and export c reproduce it). A command
     * the kernel fills a struct for ({@code sys statx ... into=NAME}) calls it with no assignments.
     */
    public static SessionBuffer create(Session session, String name, TypedStruct type, int entries, List<Assignment> assignments) {
        if (entries < 1 || entries > MAX_ENTRIES) {
            throw new ConsoleException(type.name() + "[" + entries + "]: 1.." + MAX_ENTRIES + " entries");
        }
        session.resources().checkNewName(name);
        StructBuilder builder = new StructBuilder(session, type, entries);
        assignments.forEach(builder::assign);
        builder.defaultLengths();
        builder.checkPointers();
        return builder.store(name);
    }

    /** One struct with one member set as the builder sets it, not stored: what {@code expect struct} compares with. */
    static MemorySegment scratch(Session session, TypedStruct type, Assignment a) {
        StructBuilder builder = new StructBuilder(session, type, 1);
        builder.assign(a);
        return builder.bytes;
    }

    private void assign(Assignment a) {
        LayoutPaths.Field f = StructFields.field(type, a.member(), a.word());
        if (a.entry() >= entries) {
            throw new ConsoleException(a.word() + ": entry " + a.entry() + " of " + type.name() + "[" + entries + "] (entries 0.."
                    + (entries - 1) + ")", a.word());
        }
        for (int i = a.entry() < 0 ? 0 : a.entry(); i < (a.entry() < 0 ? entries : a.entry() + 1); i++) {
            set(i, f, a);
            given.put(i + "." + f.path(), true);
        }
    }

    /** The members a script may set: the settable ones' paths. */
    static List<String> names(TypedStruct type) {
        return type.settable().stream().map(LayoutPaths.Field::path).toList();
    }

    private void set(int entry, LayoutPaths.Field f, Assignment a) {
        MemberKind kind = type.kind(f.path());
        long base = entry * type.size();
        try {
            switch (kind) {
                case MemberKind.Pointer p -> {
                    targets.removeIf(t -> t.entry() == entry && t.field().equals(f));
                    MemberValues.write(bytes, base, f, pointer(entry, f, a));
                }
                case MemberKind.Length l -> MemberValues.write(bytes, base, f, MemberValues.fitting(f, kind, length(a), a.word()));
                case MemberKind.Number n -> MemberValues.write(bytes, base, f, MemberValues.fitting(f, kind, Values.parseLong(a.value()), a.word()));
                case MemberKind.Flags fl -> MemberValues.write(bytes, base, f, MemberValues.fitting(f, kind, fl.set().parse(a.value()), a.word()));
                default -> MemorySegment.copy(MemorySegment.ofArray(MemberValues.bytes(f, kind, a.value())), 0, bytes,
                        base + f.offset(), f.size());
            }
        } catch (ValueException e) {
            throw new ConsoleException(a.word() + ": " + e.getMessage(), a.word());
        }
    }

    /** {@code @b+8} (checked against b when the length is known), 0 for NULL, a raw address only in unsafe mode. */
    private long pointer(int entry, LayoutPaths.Field f, Assignment a) {
        Matcher m = POINTER.matcher(a.value());
        if (m.matches()) {
            SessionBuffer b = session.resources().buffer(m.group(1));
            long off = m.group(2) == null ? 0 : Values.parseLong(m.group(2));
            try {
                long address = b.address(off);
                targets.add(new Target(entry, f, b, off));
                return address;
            } catch (BufferException e) {
                throw new ConsoleException(a.word() + ": " + e.getMessage(), a.word());
            }
        }
        long raw = Values.parseLong(a.value());
        if (raw != 0 && !session.unsafe()) {
            throw new ConsoleException(a.word() + ": " + f.path() + " is a pointer the kernel follows: @BUF or @BUF+OFF of a"
                    + " session buffer, 0 for NULL, or a raw address with 'set unsafe on'", a.word());
        }
        return raw;
    }

    /** {@code @b.len}: b's size; {@code @v.count}: the entries of struct buffer v; else a number. */
    private long length(Assignment a) {
        Matcher m = LENGTH.matcher(a.value());
        if (!m.matches()) {
            return Values.parseLong(a.value());
        }
        SessionBuffer b = session.resources().buffer(m.group(1));
        if (m.group(2).equals("len")) {
            return b.size();
        }
        return b.built().orElseThrow(() -> new ConsoleException(a.word() + ": buffer " + b.name()
                + " holds no typed structs; @" + b.name() + ".len is its size", a.word())).entries();
    }

    /** A pointer set without its length reaches the rest of its buffer: bytes, or the built entries from there. */
    private void defaultLengths() {
        for (Target t : targets) {
            MemberKind.Pointer p = (MemberKind.Pointer) type.kind(t.field().path());
            if (p.unit() == MemberKind.Unit.ONE || p.unit() == MemberKind.Unit.FUTEX_SIZE
                    || given.containsKey(t.entry() + "." + p.lengthMember())) {
                continue;
            }
            LayoutPaths.Field len = type.field(p.lengthMember()).orElseThrow();
            long rest = t.buffer().size() - t.offset();
            if (p.unit() == MemberKind.Unit.ENTRIES) {
                rest = LibcLayouts.named(p.target()).map(target -> rest(t, target)).orElse(rest);
            }
            MemberValues.write(bytes, t.entry() * type.size(), len, rest);
        }
    }

    private static long rest(Target t, TypedStruct target) {
        return Math.max(0, t.buffer().built().map(SessionBuffer.Built::entries).orElse(0) - t.offset() / target.size());
    }

    /** Every pointer must reach what its length says inside its buffer, and typed memory it follows must be built. */
    private void checkPointers() {
        for (Target t : targets) {
            String what = type.name() + (entries > 1 ? "[" + t.entry() + "]" : "") + "." + t.field().path() + "=@" + t.buffer().name()
                    + (t.offset() == 0 ? "" : "+" + t.offset()) + ": ";
            Structures.pointer(session, type, bytes, t.entry(), t.field(), what);
        }
    }

    private SessionBuffer store(String name) {
        SessionBuffer b;
        try {
            b = session.resources().buffers().allocate(name, bytes.byteSize(), ALIGN);
        } catch (BufferException e) {
            throw new ConsoleException(e.getMessage());
        }
        List<String> reaches = targets.stream().map(t -> t.buffer().name()).distinct().toList();
        b.writeBuilt(bytes.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), new SessionBuffer.Built(type.name(), entries, reaches));
        JournalWrites.bufferAllocated(session, b, 0, b.size());
        for (Target t : targets) {
            JournalWrites.bufferPointer(session, b, t.entry() * type.size() + t.field().offset(), t.buffer().name(), t.offset());
        }
        return b;
    }

    /** Enough for any struct here, as buf alloc's default. */
    private static final long ALIGN = 64;
}
