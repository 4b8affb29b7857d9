package dev.ringside.shell.command;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.codec.Decoded;
import dev.ringside.decoders.codec.StructDecoder;
import dev.ringside.decoders.codec.StructTypes;
import dev.ringside.decoders.render.TextRenderer;
import dev.ringside.tracer.register.Iovecs;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** How a register argument is shown: decoded from the exact bytes passed, never from what was typed. */
final class RegisterViews {
    private RegisterViews() {
    }

    /** One uapi struct, field by field, with its flag sets ({@code io_uring_buf_reg}). */
    static Function<MemorySegment, String> struct(Catalog catalog, GroupLayout layout) {
        String name = layout.name().orElseThrow();
        return m -> indent(TextRenderer.render(StructTypes.decode(name, m.asSlice(0, layout.byteSize()), catalog)));
    }

    /** An array of uapi structs, one indented block per element. */
    static Function<MemorySegment, String> structs(Catalog catalog, GroupLayout layout) {
        String name = layout.name().orElseThrow();
        return m -> {
            StringBuilder out = new StringBuilder();
            List<Decoded> all = StructTypes.decodeAll(name, m, catalog);
            for (int i = 0; i < all.size(); i++) {
                out.append("  [").append(i).append("] ").append(TextRenderer.oneLine(all.get(i))).append('\n');
            }
            return out.toString();
        };
    }

    /** struct iovec[]: each base with the session buffer it lies in. */
    static Function<MemorySegment, String> iovecs(Function<Long, String> bufferName) {
        return m -> {
            StringBuilder out = new StringBuilder("  struct iovec[" + m.byteSize() / Iovecs.IOVEC.byteSize() + "]\n");
            for (long at = 0; at < m.byteSize(); at += Iovecs.IOVEC.byteSize()) {
                Decoded d = StructDecoder.decode(Iovecs.IOVEC, m.asSlice(at, Iovecs.IOVEC.byteSize()), "iovec", Map.of(
                        "iov_base", raw -> "0x" + Long.toHexString(raw) + bufferName.apply(raw)));
                out.append("  [").append(at / Iovecs.IOVEC.byteSize()).append("] ").append(TextRenderer.oneLine(d)).append('\n');
            }
            return out.toString();
        };
    }

    /** __s32 or __u32 values: the fds of FILES, the worker counts of IOWQ_MAX_WORKERS. */
    static Function<MemorySegment, String> ints(String what, List<String> names) {
        return m -> {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < m.byteSize() / 4; i++) {
                int v = m.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
                parts.add((i < names.size() ? names.get(i) + "=" : "") + v);
            }
            return "  " + what + " [" + String.join(", ", parts) + "]\n";
        };
    }

    static String indent(String text) {
        return text.lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse("") + "\n";
    }
}
