package dev.ringside.decoders.profile;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.flags.Flag;
import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.values.ValueException;

import java.util.List;
import java.util.Map;

/**
 * A run-time extension of the catalogue for a patch series under review: opcodes added or
 * overridden, members added to existing flag sets, new flag sets and new SQE union members.
 *
 * @param name        what it is loaded by ("bpf-ext")
 * @param series      the series it describes ("IORING_OP_BPF v3")
 * @param parameters  the values its numbers were resolved with, after overrides (opcode=65)
 * @param assumptions what the profile guesses rather than knows (the opcode number before it lands)
 */
public record Profile(String name, String series, String description, Map<String, Long> parameters,
                      List<String> assumptions, List<FlagSet> flagSets, List<FlagAddition> flags,
                      List<SqeMember> sqeMembers, List<Opcode> opcodes) {
    public Profile {
        parameters = Map.copyOf(parameters);
        assumptions = List.copyOf(assumptions);
        flagSets = List.copyOf(flagSets);
        flags = List.copyOf(flags);
        sqeMembers = List.copyOf(sqeMembers);
        opcodes = List.copyOf(opcodes);
    }

    /** One member added to (or replacing one in) a flag set of the catalogue, e.g. BPF_EXT into "setup flag". */
    public record FlagAddition(String set, Flag flag) {
    }

    /** A member a series adds to struct io_uring_sqe, e.g. bpf_op_flags at offset 28, 4 bytes. */
    public record SqeMember(String name, long offset, long size, String doc) {
    }

    /** A new catalogue: {@code base} with this profile's sets, flags, members and opcodes; base is unchanged. */
    public Catalog applyTo(Catalog base) {
        try {
            return base.withProfile(new Catalog.AppliedProfile(name, summary(), opcodes.stream().map(Opcode::number).toList(), this::extend));
        } catch (ValueException e) {
            throw new ValueException(name + ": " + e.getMessage());
        }
    }

    private Catalog extend(Catalog base) {
        Catalog out = base;
        for (FlagSet set : flagSets) {
            out = out.withFlagSet(set);
        }
        for (FlagAddition add : flags) {
            out = out.withFlagSet(out.flagSet(add.set()).with(add.flag()));
        }
        for (SqeMember m : sqeMembers) {
            out = out.withSqeMember(m.name(), m.offset(), m.size(), m.doc());
        }
        return out.with(opcodes);
    }

    /** {@code bpf-ext (IORING_OP_BPF v3) opcode=65}. */
    public String summary() {
        StringBuilder out = new StringBuilder(name).append(" (").append(series).append(')');
        parameters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.append(' ').append(e.getKey()).append('=').append(e.getValue()));
        return out.toString();
    }
}
