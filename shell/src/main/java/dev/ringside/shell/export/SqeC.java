package dev.ringside.shell.export;

import dev.ringside.decoders.catalog.FieldSpec;
import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.FieldValue;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.decoders.codec.FieldConditions;
import dev.ringside.decoders.codec.SqeCodec;
import dev.ringside.decoders.render.CRenderer;
import dev.ringside.decoders.values.Errno;
import dev.ringside.shell.ConsoleException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQE as C statements: {@code sqe->timeout_flags = IORING_TIMEOUT_ABS;}, every field the draft
 * set under its uapi member, in the order the encoder writes them. Members that the oldest header
 * we target lacks are written by byte offset, with a comment naming them.
 * Values are spelled by decoders/render/CRenderer; timespec pointers become static timespecs here.
 */
final class SqeC {
    /**
     * The io_uring_sqe members of {@code <linux/io_uring.h>} in Linux 6.1 (Debian 12's linux-libc-dev):
     * the oldest header an exported program is meant to compile against. Newer members go by offset.
     */
    static final Set<String> BASELINE_MEMBERS = Set.of(
            "opcode", "flags", "ioprio", "fd", "off", "addr2", "cmd_op", "__pad1", "addr", "splice_off_in", "len",
            "rw_flags", "fsync_flags", "poll_events", "poll32_events", "sync_range_flags", "msg_flags",
            "timeout_flags", "accept_flags", "cancel_flags", "open_flags", "statx_flags", "fadvise_advice",
            "splice_flags", "rename_flags", "unlink_flags", "hardlink_flags", "xattr_flags", "msg_ring_flags",
            "uring_cmd_flags", "user_data", "buf_index", "buf_group", "personality", "splice_fd_in", "file_index",
            "addr_len", "addr3");

    /** What the exporter knows of the session's objects: the C for a buffer address or a named fd. */
    interface Names {
        /** The address {@code @name+offset} stands for. */
        String address(String buffer, long offset);

        /** The C variable for a field that named a console fd or ring ({@code $p.r}, a ring's fd), if it did. */
        Optional<String> fd(SqeField field, String text, long bits, boolean fixedFile);
    }

    private final CConstants constants;
    private int timespecs;

    SqeC(CConstants constants) {
        this.constants = constants;
    }

    /** The statements that fill {@code sqe} (already zeroed) for this opcode and these assignments. */
    List<String> statements(Opcode opcode, List<SqeDraft.Assignment> assignments, Names names) {
        SqeDraft asSubmitted = new SqeDraft(opcode);
        assignments.forEach(a -> asSubmitted.set(a.field(), a.value(), a.text()));
        // never write a timespec pointer where the flags make the kernel read nanoseconds
        FieldConditions.violation(asSubmitted).ifPresent(message -> {
            throw new ConsoleException("export c: " + message);
        });
        long fixedFileBit = CConstants.lookup("IOSQE_FIXED_FILE");
        boolean fixedFile = assignments.stream().anyMatch(a -> a.field().uapiName().equals("flags") && a.field().offset() == 1
                && a.value() instanceof FieldValue.Scalar(long bits) && (bits & fixedFileBit) != 0);
        List<String> declarations = new ArrayList<>();
        List<String> out = new ArrayList<>();
        constants.use(opcode.cName(), opcode.number());
        out.add("sqe->opcode = " + opcode.cName() + ";");
        for (FieldSpec spec : opcode.fields()) {
            boolean overridden = assignments.stream().anyMatch(a -> a.field().offset() < spec.slot().offset() + spec.slot().size()
                    && spec.slot().offset() < a.field().offset() + a.field().size());
            if (spec.preset().isPresent() && !overridden) {
                SqeField slot = new SqeField(spec.name(), spec.slot().uapiName(), spec.slot().offset(), spec.slot().size(),
                        spec.slot().signed(), spec.type(), spec.doc());
                out.add(store(slot, Long.toString(spec.preset().get()), opcode.name() + " preset: " + spec.doc()));
            }
        }
        for (SqeDraft.Assignment a : assignments) {
            SqeField f = a.field();
            // a console fd or ring: its number in the console means nothing to the program, so no "=text" note
            Optional<String> object = a.value() instanceof FieldValue.Scalar(long bits)
                    ? names.fd(f, a.text(), bits, fixedFile) : Optional.empty();
            String value = switch (a.value()) {
                case FieldValue.Scalar scalar -> object.orElseGet(() -> scalar(f, scalar.bits()));
                case FieldValue.BufferRef ref -> names.address(ref.name(), ref.offset());
                case FieldValue.Timespec ts -> {
                    String name = "ts_" + ++timespecs;
                    declarations.add("static struct __kernel_timespec " + name + " = { .tv_sec = " + ts.nanos() / 1_000_000_000L
                            + ", .tv_nsec = " + ts.nanos() % 1_000_000_000L + " };");
                    yield "(unsigned long) &" + name;
                }
                default -> throw new ConsoleException("export c: cannot reproduce " + f.name() + "=" + a.text()
                        + " in C yet (" + a.value().getClass().getSimpleName() + ")");
            };
            out.add(store(f, value, f.name().equals(member(f)) ? "" : object.isPresent() ? f.name() : f.name() + "=" + a.text()));
        }
        declarations.addAll(out);
        return declarations;
    }

    /** {@code sqe->member = value;} or, for a member newer than the baseline header, a store by offset. */
    private static String store(SqeField f, String value, String note) {
        String member = member(f);
        if (BASELINE_MEMBERS.contains(member)) {
            return "sqe->" + member + " = " + value + ";" + (note.isEmpty() ? "" : " /* " + comment(note) + " */");
        }
        if (f.size() != 1 && f.size() != 2 && f.size() != 4 && f.size() != 8) {
            throw new ConsoleException("export c: cannot write " + f.name() + " (" + f.size() + " bytes) by offset");
        }
        return "put_u" + f.size() * 8 + "(sqe, " + f.offset() + ", " + value + "); /* " + member
                + ": not in older <linux/io_uring.h>" + (note.isEmpty() ? "" : "; " + comment(note)) + " */";
    }

    /** The uapi member: the field's own name when the struct has a member of that name there (timeout_flags), else its slot's (addr for ts). */
    static String member(SqeField f) {
        return SqeCodec.memberName(f);
    }

    /** The value as decoders/render/CRenderer spells it, each constant it names noted for the fallbacks. */
    private String scalar(SqeField f, long bits) {
        long masked = f.size() >= 8 ? bits : bits & ((1L << (f.size() * 8)) - 1);
        if (f.type() instanceof FieldType.Flags flags) {
            constants.useFlags(flags.set(), masked);
        }
        if (f.type() instanceof FieldType.Split split && !split.shiftConstant().matches("[0-9]+")) {
            // a profile's split field (bpf_op_flags) names its shift; the profile, not the uapi tables, gives the value
            constants.use(split.shiftConstant(), split.shift());
        }
        String value = CRenderer.value(f, masked);
        Matcher names = C_NAME.matcher(value.replaceAll("/\\*.*?\\*/", ""));
        while (names.find()) {
            String name = names.group();
            if (Errno.named(name).isEmpty() && !constants.uses(name)) {
                try {
                    constants.use(name, CConstants.lookup(name));
                } catch (IllegalStateException e) {
                    throw new ConsoleException("export c: " + f.name() + " needs " + name + ", which the decoders tables do not give a value");
                }
            }
        }
        return value;
    }

    private static final Pattern C_NAME = Pattern.compile("\\b[A-Z][A-Z0-9_]{2,}\\b");

    /** Text safe inside a C block comment. */
    private static String comment(String text) {
        return text.replace("*/", "* /").replace("/*", "/ *");
    }
}
