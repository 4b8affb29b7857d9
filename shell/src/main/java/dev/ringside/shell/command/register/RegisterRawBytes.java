package dev.ringside.shell.command.register;

import dev.ringside.shell.command.NamedArgs;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;
import dev.ringside.decoders.register.RegisterOpcodes;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.tracer.register.RegisterArgument;
import dev.ringside.tracer.register.RawArgs;

import java.util.Optional;
import java.util.List;
import java.util.Map;

/**
 * The register calls whose argument bytes the user wrote in a session buffer: {@code raw} (any opcode,
 * by name or number), {@code query} and {@code bpf_filter} (chains and programs of pointers the console
 * cannot check, so only in unsafe mode).
 */
final class RegisterRawBytes {
    private RegisterRawBytes() {
    }

    static void add(Map<String, RegisterCommand.Kind> k) {
        k.put("raw", RegisterCommand.kind(List.of(), "raw op=NAME|NUMBER [arg=@BUF[+OFF]] [nr=N]", List.of("op", "arg", "nr"),
                RegisterRawBytes::raw));
        k.put("query", RegisterCommand.kind(List.of("QUERY"), "query [arg=@BUF] [nr=N] (the io_uring_query_hdr chain, as bytes; none: NULL;"
                + " the kernel wants nr 0)", List.of("arg", "nr"), c -> opaque(c, "QUERY", "io_uring_query_hdr")));
        k.put("bpf_filter", RegisterCommand.kind(List.of("BPF_FILTER"), "bpf_filter [arg=@BUF] [nr=N] (the filter, as bytes)",
                List.of("arg", "nr"), c -> opaque(c, "BPF_FILTER", "the BPF filter struct")));
    }

    private static RegisterPlan opaque(RegisterContext ctx, String opcode, String struct) {
        ctx.args().noMoreWords(0, ctx.usage());
        ctx.args().option("arg").filter(a -> !ctx.session().unsafe() && !builtQueryChain(ctx, opcode, a)).ifPresent(a -> {
            // the query chain's next_entry/query_data and the filter's program are pointers the console cannot check
            throw a.error(struct + " holds pointers the console cannot check: arg= needs 'set unsafe on'");
        });
        long op = RegisterOpcodes.named(opcode).number();
        int nr = (int) ctx.number("nr", 0, 0, 0xffff_ffffL);
        return RegisterPlan.of(ctx.args().option("arg").map(a -> rawArg(ctx, a, op, nr))
                .orElseGet(() -> RawArgs.none(op, nr)));
    }

    /**
     * A query chain the struct builder made ({@code struct h io_uring_query_hdr query_data=@ans next_entry=@h2}):
     * every next_entry and query_data is checked against live session buffers, as at each SQE submit.
     */
    private static boolean builtQueryChain(RegisterContext ctx, String opcode, Assignment a) {
        if (!opcode.equals("QUERY") || !a.value().startsWith("@")) {
            return false;
        }
        String[] parts = a.value().substring(1).split("\\+", 2);
        var buffer = ctx.session().resources().buffer(parts[0]);
        if (buffer.built().map(b -> !b.layout().equals(dev.ringside.decoders.layout.LibcLayouts.QUERY_HDR.name())).orElse(true)) {
            return false;
        }
        long off = parts.length == 2 ? NamedArgs.number(parts[1], "offset") : 0;
        dev.ringside.shell.session.Structures.typed(ctx.session(), dev.ringside.decoders.layout.LibcLayouts.QUERY_HDR, buffer, off, 1,
                a.word() + ": IORING_REGISTER_QUERY reads the chain: ", 0);
        return true;
    }

    private static RegisterPlan raw(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        Assignment opWord = ctx.args().option("op").orElseThrow(() -> new ConsoleException(
                "raw needs op=NAME|NUMBER; usage: " + ctx.usage()));
        long op = RegisterControl.parse(opWord, opWord.value(), FlagSets.REGISTER_OP);
        int nr = (int) ctx.number("nr", 0, 0, 0xffff_ffffL);
        Optional<Assignment> arg = ctx.args().option("arg");
        if (arg.isEmpty()) {
            return RegisterPlan.of(RawArgs.none(op, nr));
        }
        RegisterArgument argument = rawArg(ctx, arg.get(), op, nr);
        rawArgIsSafe(ctx, arg.get(), op, nr, argument.byteSize());
        return RegisterPlan.of(argument);
    }

    /**
     * Outside unsafe mode 'register raw' hands the kernel memory only for opcodes whose argument
     * holds no address and whose size is known (the CPU mask of IOWQ_AFF, IOWQ_MAX_WORKERS' two
     * counts), and only when that size fits in the buffer; every other opcode's argument holds
     * pointers or fds the console cannot check (BUFFERS' iovecs, PBUF_RING's ring address).
     */
    private static void rawArgIsSafe(RegisterContext ctx, Assignment a, long op, long nr, long argBytes) {
        if (ctx.session().unsafe()) {
            return;
        }
        long bytes;
        if (op == RegisterOpcodes.named("IOWQ_AFF").number()) {
            bytes = nr;
        } else if (op == RegisterOpcodes.named("IOWQ_MAX_WORKERS").number()) {
            bytes = 8;
        } else {
            throw a.error("register raw op=" + dev.ringside.decoders.flags.FlagSets.REGISTER_OP.format(op) + " with arg= is unsafe: its argument may hold"
                    + " addresses or fds the console cannot check; use the structured 'register KIND' (help register)"
                    + " or 'set unsafe on'");
        }
        if (bytes > argBytes) {
            throw a.error("register raw op=" + dev.ringside.decoders.flags.FlagSets.REGISTER_OP.format(op) + " reads " + bytes + " bytes from arg, "
                    + argBytes + " left in the buffer");
        }
    }

    /** {@code @buf} or {@code @buf+16}: the rest of the buffer from there; a raw address only in unsafe mode. */
    static RegisterArgument rawArg(RegisterContext ctx, Assignment a, long op, int nr) {
        String v = a.value();
        if (v.startsWith("@")) {
            String[] parts = v.substring(1).split("\\+", 2);
            var buffer = ctx.session().resources().buffer(parts[0]);
            long off = parts.length == 2 ? NamedArgs.number(parts[1], "offset") : 0;
            try {
                return RawArgs.inBuffer(op, buffer, off, nr);
            } catch (RuntimeException e) {
                throw a.error(e.getMessage());
            }
        }
        if (!ctx.session().unsafe()) {
            throw a.error("arg is an address: @BUF or @BUF+OFFSET; a raw number needs 'set unsafe on'");
        }
        return RawArgs.atAddress(op, NamedArgs.number(a), nr);
    }
}
