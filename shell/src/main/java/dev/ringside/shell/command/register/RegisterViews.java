package dev.ringside.shell.command.register;

import dev.ringside.decoders.codec.Decoded;
import dev.ringside.decoders.codec.DecodedField;
import dev.ringside.decoders.register.RegisterArg;
import dev.ringside.decoders.render.TextRenderer;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.register.RegisterArgument;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a register argument is shown: decoded from the exact bytes passed (or written back), never from
 * what was typed, as the register catalogue declares the opcode's argument; bytes the user wrote
 * ({@code register raw}) are shown as bytes.
 */
final class RegisterViews {
    private RegisterViews() {
    }

    /** The argument's structs from {@code bytes}, then the structs it points to. */
    static RegisterArgument.Decoding decode(Session session, RegisterArgument argument, byte[] bytes) {
        return argument.decode(bytes, session.catalog(), address -> RegisterCommand.bufferName(session, address));
    }

    static String text(Session session, RegisterArgument argument, byte[] bytes) {
        if (argument.byteSize() == 0 && argument.pointed().isEmpty()) {
            return "";
        }
        if (argument.raw()) {
            int shown = Math.min(64, bytes.length);
            return "  arg" + RegisterCommand.bufferName(session, argument.address()) + ", " + bytes.length + " bytes\n"
                    + (shown == 0 ? "" : "  " + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, shown)
                    + (bytes.length > shown ? " ..." : "") + "\n");
        }
        RegisterArgument.Decoding decoded = decode(session, argument, bytes);
        List<Decoded> all = decoded.all();
        RegisterArg arg = argument.opcode().arg();
        int own = decoded.own().size();
        StringBuilder out = new StringBuilder();
        if (arg instanceof RegisterArg.Array array) {
            out.append("  ").append(array.describe().replace("[nr]", "[" + own + "]")).append('\n');
            for (int i = 0; i < own; i++) {
                out.append("  [").append(i).append("] ").append(TextRenderer.oneLine(all.get(i))).append('\n');
            }
        } else if (arg instanceof RegisterArg.Words || arg instanceof RegisterArg.CpuMask) {
            for (Decoded d : all.subList(0, own)) {
                out.append(words(d));
            }
        } else if (arg instanceof RegisterArg.Probe) {
            // the ops are listed once, by the answer's own lines
            out.append(indent(TextRenderer.render(all.getFirst())));
            if (own > 1) {
                out.append("  ops[").append(own - 1).append("] (listed below)\n");
            }
        } else {
            all.subList(0, own).forEach(d -> out.append(indent(TextRenderer.render(d))));
        }
        for (Decoded d : all.subList(own, all.size())) {
            out.append(d.struct().endsWith("]") ? words(d) : indent(TextRenderer.render(d)));
        }
        return out.toString();
    }

    /** {@code int[2] [3, 4]}, {@code __u32[2] [bound=0, unbound=0]}, {@code cpu_set_t (8 bytes): cpus 0}. */
    private static String words(Decoded d) {
        if (d.struct().equals("cpu_set_t")) {
            return "  " + d.title() + ": cpus " + d.fields().getFirst().text() + "\n";
        }
        return "  " + d.title() + " [" + d.fields().stream()
                .map(f -> (f.name().startsWith("[") ? "" : f.name() + "=") + f.text())
                .collect(Collectors.joining(", ")) + "]\n";
    }

    static String indent(String text) {
        return text.lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse("") + "\n";
    }

    /** A decoded field's raw value by name, 0 when absent. */
    static long raw(Decoded d, String field) {
        return d.field(field).map(DecodedField::raw).orElse(0L);
    }
}
