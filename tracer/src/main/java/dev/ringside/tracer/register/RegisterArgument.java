package dev.ringside.tracer.register;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.codec.Decoded;
import dev.ringside.decoders.codec.RegisterArgDecoder;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.register.RegisterArg;
import dev.ringside.decoders.register.RegisterOpcode;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * An io_uring_register argument built by this package, ready to pass: the catalogue's opcode, the
 * argument memory (in the ring's arena, so it lives as long as the ring), nr_args, and the structs the
 * argument points to (a region descriptor, a zcrx area), shown with it. A blind argument goes to fd -1
 * (SEND_MSG_RING). A raw one is bytes the user put in a session buffer, shown as bytes, not as structs.
 * Callers read it decoded ({@link #decode}) or by field name ({@link #field}), never as raw memory.
 */
public record RegisterArgument(RegisterOpcode opcode, MemorySegment arg, int nr, List<Pointed> pointed, boolean blind,
                               boolean raw) {
    /** A struct the argument points to, by the field that holds its address. */
    public record Pointed(String field, RegisterArg kind, MemorySegment memory) {
        /** Its bytes now. */
        public byte[] bytes() {
            return memory.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        }
    }

    public RegisterArgument {
        arg = arg == null ? MemorySegment.NULL : arg;
        pointed = List.copyOf(pointed);
    }

    RegisterArgument(RegisterOpcode opcode, MemorySegment arg, int nr) {
        this(opcode, arg, nr, List.of(), false, false);
    }

    RegisterArgument pointing(Pointed... more) {
        List<Pointed> all = new ArrayList<>(pointed);
        all.addAll(List.of(more));
        return new RegisterArgument(opcode, arg, nr, all, blind, raw);
    }

    RegisterArgument withoutRing() {
        return new RegisterArgument(opcode, arg, nr, pointed, true, raw);
    }

    public long address() {
        return arg.address();
    }

    public long byteSize() {
        return arg.byteSize();
    }

    /** The argument's bytes now. */
    public byte[] bytes() {
        return arg.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    /** The argument's own structs and those it points to, decoded. */
    public record Decoding(List<Decoded> own, List<Decoded> pointed) {
        public List<Decoded> all() {
            List<Decoded> out = new ArrayList<>(own);
            out.addAll(pointed);
            return out;
        }
    }

    /** {@code bytes} (as passed, or as written back) as the catalogue's structs, then the structs it points to as they are now. */
    public Decoding decode(byte[] bytes, Catalog catalog, LongFunction<String> addressName) {
        List<Decoded> own = RegisterArgDecoder.decode(opcode.arg(), MemorySegment.ofArray(bytes), catalog, addressName);
        List<Decoded> others = new ArrayList<>();
        for (Pointed p : pointed) {
            others.addAll(RegisterArgDecoder.decode(p.kind(), p.memory(), catalog, addressName));
        }
        return new Decoding(own, others);
    }

    /** A field of the argument's struct in {@code bytes} (the kernel's answer in {@link RegisterCall#argAfter()}). */
    public long field(byte[] bytes, String name) {
        return field(opcode, bytes, name);
    }

    /** A field of {@code opcode}'s argument struct read from {@code bytes}; 0 when the bytes are too short. */
    public static long field(RegisterOpcode opcode, byte[] bytes, String name) {
        if (!(opcode.arg() instanceof RegisterArg.Struct s) || bytes.length < s.layout().byteSize()) {
            return 0;
        }
        return Structs.get(MemorySegment.ofArray(bytes), s.layout(), name);
    }

    /** A field of the struct the argument points to through {@code pointer}, as it is now (the kernel may have written it back); 0 when none. */
    public long pointedField(String pointer, String name) {
        return pointed.stream().filter(p -> p.field().equals(pointer) && p.kind() instanceof RegisterArg.Struct).findFirst()
                .map(p -> Structs.get(p.memory(), ((RegisterArg.Struct) p.kind()).layout(), name)).orElse(0L);
    }

    /** Word {@code index} of a {@link RegisterArg.Words} argument (IOWQ_MAX_WORKERS' counts), unsigned. */
    public static long word(byte[] bytes, int index) {
        return bytes.length < (index + 1) * 4 ? 0
                : Integer.toUnsignedLong(MemorySegment.ofArray(bytes).getAtIndex(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, index));
    }

    /** The byte offset of a field of the argument struct, for messages. */
    static long offset(RegisterOpcode opcode, String name) {
        return LayoutPaths.offset(((RegisterArg.Struct) opcode.arg()).layout(), name);
    }
}
