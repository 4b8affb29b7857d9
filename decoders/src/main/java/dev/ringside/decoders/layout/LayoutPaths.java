package dev.ringside.decoders.layout;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.UnionLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Looks up C fields by name in a layout, walking into anonymous unions and structs as C does. */
public final class LayoutPaths {
    private LayoutPaths() {
    }

    /**
     * One named field of a struct, flattened: its byte offset from the start of the outermost
     * struct, its layout, its dotted path ("sq_off.head") and whether it shares bytes with others.
     */
    public record Field(String path, long offset, MemoryLayout layout, boolean inUnion) {
        public String name() {
            int dot = path.lastIndexOf('.');
            return dot < 0 ? path : path.substring(dot + 1);
        }

        public long size() {
            return layout.byteSize();
        }
    }

    /**
     * Each layout's fields, worked out once: a layout never changes, and the catalogue and the struct tables ask
     * once per member (isSigned, TypedStruct), which made start-up walk every struct once per field. By identity:
     * the uapi's and libc's layouts, and the few a profile adds.
     */
    private static final Map<GroupLayout, List<Field>> FIELDS = Collections.synchronizedMap(new IdentityHashMap<>());

    /** Every named leaf field (values and arrays) in declaration order, nested structs flattened; unmodifiable. */
    public static List<Field> fields(GroupLayout layout) {
        List<Field> known = FIELDS.get(layout);
        if (known != null) {
            return known;
        }
        List<Field> out = new ArrayList<>();
        collect(layout, "", 0, false, out);
        List<Field> fields = List.copyOf(out);
        FIELDS.put(layout, fields);
        return fields;
    }

    private static void collect(GroupLayout group, String prefix, long base, boolean inUnion, List<Field> out) {
        long offset = base;
        boolean union = group instanceof UnionLayout;
        for (MemoryLayout member : group.memberLayouts()) {
            long at = union ? base : offset;
            offset = union ? offset : offset + member.byteSize();
            if (member instanceof GroupLayout nested) {
                // a named nested struct (sq_off) adds to the path; an anonymous one does not
                String nestedPrefix = member.name().map(n -> prefix + n + ".").orElse(prefix);
                collect(nested, nestedPrefix, at, inUnion || union, out);
            } else if (member.name().isPresent()) {
                out.add(new Field(prefix + member.name().get(), at, member, inUnion || union));
            }
        }
    }

    /** The field with this path ("addr", "sq_off.head") or, failing that, the first with this name. */
    public static Optional<Field> find(GroupLayout layout, String pathOrName) {
        List<Field> all = fields(layout);
        // loops, not streams: SqeSlot's constants look their members up here at start-up, in the interpreter
        for (Field f : all) {
            if (f.path().equals(pathOrName)) {
                return Optional.of(f);
            }
        }
        for (Field f : all) {
            if (f.name().equals(pathOrName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #find} for fields the code itself names: a missing one is a programming error. */
    public static Field field(GroupLayout layout, String pathOrName) {
        return find(layout, pathOrName).orElseThrow(() -> new NoSuchElementException(
                layout.name().orElse("struct") + " has no field " + pathOrName));
    }

    /** The byte offset of a named field; for a tracer that reads a header field in place. */
    public static long offset(GroupLayout layout, String pathOrName) {
        return field(layout, pathOrName).offset();
    }

    /** The element layout of a value field, or of an array's elements. */
    public static ValueLayout valueLayout(Field field) {
        MemoryLayout layout = field.layout();
        while (layout instanceof SequenceLayout seq) {
            layout = seq.elementLayout();
        }
        if (layout instanceof ValueLayout value) {
            return value;
        }
        throw new IllegalArgumentException(field.path() + " is not a value field");
    }
}
