package dev.ringside.shell.command.register;

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
    static ArgView struct(Catalog catalog, GroupLayout layout) {
        String name = layout.name().orElseThrow();
        return ArgView.of(m -> List.of(StructTypes.decode(name, m.asSlice(0, layout.byteSize()), catalog)),
                all -> indent(TextRenderer.render(all.getFirst())));
    }

    /** An array of uapi structs, one indented block per element. */
    static ArgView structs(Catalog catalog, GroupLayout layout) {
        String name = layout.name().orElseThrow();
        return ArgView.of(m -> StructTypes.decodeAll(name, m, catalog), all -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < all.size(); i++) {
                out.append("  [").append(i).append("] ").append(TextRenderer.oneLine(all.get(i))).append('\n');
            }
            return out.toString();
        });
    }

    /** struct iovec[]: each base with the session buffer it lies in. */
    static ArgView iovecs(Function<Long, String> bufferName) {
        return ArgView.of(m -> {
            List<Decoded> all = new ArrayList<>();
            for (long at = 0; at < m.byteSize(); at += Iovecs.IOVEC.byteSize()) {
                all.add(StructDecoder.decode(Iovecs.IOVEC, m.asSlice(at, Iovecs.IOVEC.byteSize()), "iovec", Map.of(
                        "iov_base", raw -> "0x" + Long.toHexString(raw) + bufferName.apply(raw))));
            }
            return all;
        }, all -> {
            StringBuilder out = new StringBuilder("  struct iovec[" + all.size() + "]\n");
            for (int i = 0; i < all.size(); i++) {
                out.append("  [").append(i).append("] ").append(TextRenderer.oneLine(all.get(i))).append('\n');
            }
            return out.toString();
        });
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
