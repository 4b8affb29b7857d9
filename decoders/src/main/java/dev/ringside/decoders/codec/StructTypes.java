package dev.ringside.decoders.codec;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Every struct the {@code decode} command takes, by name: {@code sqe}, {@code cqe}, {@code params} and
 * each uapi struct of {@link UapiLayouts} (with or without its {@code io_uring_} prefix). SQEs decode
 * through the opcode catalogue, CQEs with their flags and errno; other structs field by field, with
 * the flag set of each field whose meaning is plain from the header.
 */
public final class StructTypes {
    private StructTypes() {
    }

    private static final Map<String, String> SHORT = Map.of("sqe", "io_uring_sqe", "cqe", "io_uring_cqe", "params", "io_uring_params");

    /** struct -> field path -> name of the catalogue flag set it holds. */
    static final Map<String, Map<String, String>> FLAG_FIELDS = Map.ofEntries(
            Map.entry("io_uring_params", Map.of("flags", "setup flag", "features", "feature")),
            Map.entry("io_uring_region_desc", Map.of("flags", "memory region type")),
            Map.entry("io_uring_mem_region_reg", Map.of("flags", "memory region flag")),
            Map.entry("io_uring_rsrc_register", Map.of("flags", "resource register flag")),
            Map.entry("io_uring_probe_op", Map.of("flags", "probe op flag")),
            Map.entry("io_uring_restriction", Map.of("opcode", "restriction")),
            Map.entry("io_uring_clone_buffers", Map.of("flags", "clone buffers flag")),
            Map.entry("io_uring_buf_reg", Map.of("flags", "buffer ring flag")),
            Map.entry("io_uring_reg_wait", Map.of("flags", "registered wait flag")),
            Map.entry("io_uring_sync_cancel_reg", Map.of("flags", "cancel flag")),
            Map.entry("io_uring_zcrx_area_reg", Map.of("flags", "zcrx area flag")),
            Map.entry("io_uring_zcrx_ifq_reg", Map.of("flags", "zcrx register flag")),
            Map.entry("zcrx_ctrl", Map.of("op", "zcrx control op", "zc_arm_event.event_type", "zcrx event")),
            Map.entry("zcrx_ctrl_arm_event", Map.of("event_type", "zcrx event")),
            Map.entry("zcrx_event_desc", Map.of("flags", "zcrx event desc flag")),
            Map.entry("io_uring_napi", Map.of("opcode", "napi op")),
            Map.entry("io_uring_bpf", Map.of("cmd_type", "bpf command", "filter.flags", "bpf filter flag")),
            Map.entry("io_uring_bpf_filter", Map.of("flags", "bpf filter flag")),
            Map.entry("io_uring_mock_create", Map.of("flags", "mock create flag")),
            Map.entry("io_uring_query_hdr", Map.of("query_op", "query op")),
            Map.entry("io_uring_query_opcode", Map.of("feature_flags", "feature", "ring_setup_flags", "setup flag",
                    "enter_flags", "enter flag", "sqe_flags", "sqe flag")),
            Map.entry("io_uring_query_zcrx", Map.of("register_flags", "zcrx register flag", "area_flags", "zcrx area flag",
                    "features", "zcrx feature")));

    /** struct -> field path holding an IORING_OP_* number. */
    static final Map<String, String> OPCODE_FIELDS = Map.of("io_uring_probe_op", "op", "io_uring_sync_cancel_reg", "opcode",
            "io_uring_bpf_filter", "opcode", "io_uring_bpf_ctx", "opcode", "io_uring_bpf", "filter.opcode");

    /** The names {@code decode} accepts, short ones first. */
    public static List<String> names() {
        List<String> out = new ArrayList<>(SHORT.keySet().stream().sorted().toList());
        UapiLayouts.all().forEach(l -> out.add(l.name().orElseThrow()));
        return out;
    }

    /** The layout of a type name: {@code sqe}, {@code io_uring_buf_reg}, {@code buf_reg}, {@code struct io_uring_cqe}. */
    public static StructLayout layout(String type) {
        String bare = type.trim();
        bare = bare.startsWith("struct ") ? bare.substring("struct ".length()).trim() : bare;
        String name = SHORT.getOrDefault(bare, bare);
        return UapiLayouts.named(name).or(() -> UapiLayouts.named("io_uring_" + name))
                .orElseThrow(() -> new ValueException("unknown struct '" + type + "'" + Values.suggestion(type, names())
                        + "; valid: " + String.join(", ", names())));
    }

    /** Decodes one struct of this type from exactly its size in bytes. */
    public static Decoded decode(String type, MemorySegment bytes, Catalog catalog) {
        StructLayout layout = layout(type);
        String name = layout.name().orElseThrow();
        if (bytes.byteSize() != layout.byteSize()) {
            throw new ValueException(name + " is " + layout.byteSize() + " bytes, got " + bytes.byteSize());
        }
        return switch (name) {
            case "io_uring_sqe" -> SqeCodec.decode(bytes, catalog);
            case "io_uring_cqe" -> CqeCodec.decode(bytes);
            default -> StructDecoder.decode(layout, bytes, name, renderers(name, catalog));
        };
    }

    /** Decodes {@code bytes} as consecutive structs of this type (two CQEs, an SQ ring's entries). */
    public static List<Decoded> decodeAll(String type, MemorySegment bytes, Catalog catalog) {
        long size = layout(type).byteSize();
        if (bytes.byteSize() == 0 || size == 0 || bytes.byteSize() % size != 0) {
            throw new ValueException(layout(type).name().orElseThrow() + " is " + size + " bytes; got "
                    + bytes.byteSize() + ", not a multiple of it");
        }
        List<Decoded> out = new ArrayList<>();
        for (long at = 0; at < bytes.byteSize(); at += size) {
            out.add(decode(type, bytes.asSlice(at, size), catalog));
        }
        return out;
    }

    private static Map<String, LongFunction<String>> renderers(String struct, Catalog catalog) {
        Map<String, LongFunction<String>> out = new LinkedHashMap<>();
        FLAG_FIELDS.getOrDefault(struct, Map.of()).forEach((path, set) -> out.put(path, catalog.flagSet(set)::format));
        String opField = OPCODE_FIELDS.get(struct);
        if (opField != null) {
            out.put(opField, raw -> catalog.opcodeName((int) raw) + " (" + raw + ")");
        }
        return out;
    }
}
