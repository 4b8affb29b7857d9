package dev.ringside.decoders.register;

import java.util.Optional;

/**
 * One io_uring_register(2) opcode as declared in the register catalogue ({@link RegisterOpcodes}).
 *
 * @param number     the IORING_REGISTER_* / IORING_UNREGISTER_* value
 * @param name       without the IORING_REGISTER_ prefix; the unregister ones keep theirs ({@code UNREGISTER_BUFFERS})
 * @param since      the release that introduced it ("5.1"), or "" when not recorded for sure
 * @param summary    one line: what the call does
 * @param arg        what {@code arg} points to, with named fields
 * @param nr         what {@code nr_args} holds
 * @param writesBack whether the kernel writes its answer into the argument
 */
public record RegisterOpcode(int number, String name, String since, String summary, RegisterArg arg, NrArgs nr,
                             boolean writesBack) {
    /** What nr_args means for an opcode, as {@code __io_uring_register} checks it. */
    public enum NrArgs {
        ZERO("0"),
        ONE("1"),
        ENTRIES("the number of entries arg points to"),
        ARG_SIZE("sizeof the argument struct"),
        ID("the id to drop (arg is NULL)"),
        MASK_BYTES("the size of the CPU mask in bytes");

        private final String meaning;

        NrArgs(String meaning) {
            this.meaning = meaning;
        }

        public String meaning() {
            return meaning;
        }
    }

    public String cName() {
        return name.startsWith("UNREGISTER_") ? "IORING_" + name : "IORING_REGISTER_" + name;
    }

    public Optional<String> release() {
        return since.isEmpty() ? Optional.empty() : Optional.of(since);
    }

    /** {@code IORING_REGISTER_PBUF_RING (22, 5.19)}: how help lists it. */
    public String withRelease() {
        return cName() + " (" + number + release().map(r -> ", " + r).orElse("") + ")";
    }
}
