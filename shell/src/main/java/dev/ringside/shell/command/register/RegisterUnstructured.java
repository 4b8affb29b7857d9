package dev.ringside.shell.command.register;

import dev.ringside.shell.command.NamedArgs;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;
import dev.ringside.decoders.register.RegisterOpcodes;
import dev.ringside.tracer.register.ControlArgs;
import dev.ringside.tracer.register.RawArgs;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The register opcodes whose argument the console does not build from named options: iowq_aff (a
 * cpu_set_t from a CPU list), query and bpf_filter (chains and programs of pointers, so their bytes
 * come from a session buffer, and only in unsafe mode).
 */
final class RegisterUnstructured {
    private RegisterUnstructured() {
    }

    static void add(Map<String, RegisterCommand.Kind> k) {
        k.put("iowq_aff", RegisterCommand.kind(List.of("IOWQ_AFF"), "iowq_aff cpus=0,2-3 (a CPU mask; nr_args is its size in bytes)",
                List.of("cpus"), RegisterUnstructured::iowqAff));
        k.put("query", RegisterCommand.kind(List.of("QUERY"), "query [arg=@BUF] [nr=N] (the io_uring_query_hdr chain, as bytes; none: NULL;"
                + " the kernel wants nr 0)", List.of("arg", "nr"), c -> opaque(c, "QUERY", "io_uring_query_hdr")));
        k.put("bpf_filter", RegisterCommand.kind(List.of("BPF_FILTER"), "bpf_filter [arg=@BUF] [nr=N] (the filter, as bytes)",
                List.of("arg", "nr"), c -> opaque(c, "BPF_FILTER", "the BPF filter struct")));
    }

    private static RegisterPlan iowqAff(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        Assignment a = ctx.args().option("cpus").orElseThrow(() -> new ConsoleException(
                "iowq_aff needs cpus=LIST such as cpus=0 or cpus=0,2-3; usage: " + ctx.usage()));
        return RegisterPlan.of(ControlArgs.iowqAffinity(ctx.arena(), cpuList(a)));
    }

    /** {@code 0,2-3} as a set; an empty set or a malformed range is refused with the form expected. */
    static BitSet cpuList(Assignment a) {
        BitSet cpus = new BitSet();
        for (String part : a.value().split(",")) {
            String[] ends = part.split("-", 2);
            long from = number(a, ends[0]);
            long to = ends.length == 2 ? number(a, ends[1]) : from;
            if (to < from || to > 65535) {
                throw a.error("cpus: '" + part + "' is not a CPU or a range LOW-HIGH of CPUs 0..65535");
            }
            cpus.set((int) from, (int) to + 1);
        }
        return cpus;
    }

    private static long number(Assignment a, String word) {
        if (word.isBlank()) {
            throw a.error("cpus is a list such as 0,2-3, not '" + a.value() + "'");
        }
        return NamedArgs.number(word.strip(), "cpus");
    }


    private static RegisterPlan opaque(RegisterContext ctx, String opcode, String struct) {
        ctx.args().noMoreWords(0, ctx.usage());
        ctx.args().option("arg").filter(a -> !ctx.session().unsafe()).ifPresent(a -> {
            // the query chain's next_entry/query_data and the filter's program are pointers the console cannot check
            throw a.error(struct + " holds pointers the console cannot check: arg= needs 'set unsafe on'");
        });
        long op = RegisterOpcodes.named(opcode).number();
        int nr = (int) ctx.number("nr", 0, 0, 0xffff_ffffL);
        return RegisterPlan.of(ctx.args().option("arg").map(a -> RegisterSmallArgs.rawArg(ctx, a, op, nr))
                .orElseGet(() -> RawArgs.none(op, nr)));
    }
}
