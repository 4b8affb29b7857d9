package dev.ringside.shell.command.register;

import dev.ringside.shell.command.NamedArgs;
import dev.ringside.decoders.flags.RegisterOp;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;

import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The register opcodes whose argument is no uapi struct ringside lays out: iowq_aff (a cpu_set_t),
 * query and bpf_filter (their structs are not in the uapi layouts, so their bytes come from a buffer).
 */
final class RegisterUnstructured {
    private RegisterUnstructured() {
    }

    static void add(Map<String, RegisterCommand.Kind> k) {
        k.put("iowq_aff", new RegisterCommand.Kind("iowq_aff cpus=0,2-3 (a CPU mask; nr_args is its size in bytes)",
                List.of("cpus"), RegisterUnstructured::iowqAff));
        k.put("query", new RegisterCommand.Kind("query [arg=@BUF] [nr=N] (the io_uring_query_hdr chain, as bytes; none: NULL;"
                + " the kernel wants nr 0)", List.of("arg", "nr"), c -> opaque(c, RegisterOp.QUERY, "io_uring_query_hdr")));
        k.put("bpf_filter", new RegisterCommand.Kind("bpf_filter [arg=@BUF] [nr=N] (the filter, as bytes)",
                List.of("arg", "nr"), c -> opaque(c, RegisterOp.BPF_FILTER, "the BPF filter struct")));
    }

    private static RegisterPlan iowqAff(RegisterContext ctx) {
        ctx.args().noMoreWords(0, ctx.usage());
        Assignment a = ctx.args().option("cpus").orElseThrow(() -> new ConsoleException(
                "iowq_aff needs cpus=LIST such as cpus=0 or cpus=0,2-3; usage: " + ctx.usage()));
        BitSet cpus = cpuList(a);
        // whole unsigned longs, as the kernel's cpumask is read: the smallest that holds the highest CPU
        int bytes = (cpus.length() + 63) / 64 * 8;
        MemorySegment mask = ctx.arena().allocate(bytes, 8);
        mask.copyFrom(MemorySegment.ofArray(java.util.Arrays.copyOf(cpus.toByteArray(), bytes)));
        return RegisterPlan.of(RegisterSmallArgs.op(RegisterOp.IOWQ_AFF), mask, bytes,
                m -> "  cpu_set_t (" + m.byteSize() + " bytes): cpus " + cpuList(BitSet.valueOf(
                        m.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE))) + "\n");
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

    /** {@code 0,2-3}: the CPUs of a mask, ranges joined. */
    static String cpuList(BitSet cpus) {
        StringBuilder out = new StringBuilder();
        for (int i = cpus.nextSetBit(0); i >= 0; ) {
            int end = cpus.nextClearBit(i) - 1;
            out.append(out.isEmpty() ? "" : ",").append(i).append(end > i ? "-" + end : "");
            i = cpus.nextSetBit(end + 1);
        }
        return out.isEmpty() ? "(none)" : out.toString();
    }

    private static RegisterPlan opaque(RegisterContext ctx, RegisterOp op, String struct) {
        ctx.args().noMoreWords(0, ctx.usage());
        ctx.args().option("arg").filter(a -> !ctx.session().unsafe()).ifPresent(a -> {
            // the query chain's next_entry/query_data and the filter's program are pointers the console cannot check
            throw a.error(struct + " holds pointers the console cannot check: arg= needs 'set unsafe on'");
        });
        MemorySegment arg = ctx.args().option("arg").map(a -> RegisterSmallArgs.rawArg(ctx, a)).orElse(MemorySegment.NULL);
        long nr = ctx.number("nr", 0, 0, 0xffff_ffffL);
        Function<MemorySegment, String> view = m -> "  " + struct + " is not in the uapi layouts ringside knows: "
                + m.byteSize() + " bytes" + RegisterCommand.bufferName(ctx.session(), arg.address()) + "\n"
                + "  " + HexFormat.ofDelimiter(" ").formatHex(m.asSlice(0, Math.min(64, m.byteSize()))
                .toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)) + (m.byteSize() > 64 ? " ..." : "") + "\n";
        return RegisterPlan.of(RegisterSmallArgs.op(op), arg, (int) nr, view).writesBack();
    }
}
