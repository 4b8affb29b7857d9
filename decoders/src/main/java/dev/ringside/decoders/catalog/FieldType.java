package dev.ringside.decoders.catalog;

import dev.ringside.decoders.flags.FlagSet;

/** How the bytes of an SQE field are read and written by people: the closed set of field kinds. */
public sealed interface FieldType {
    /** How help writes a value of this type: {@code N}, {@code DURATION}, {@code FD|$NAME}. */
    default String placeholder() {
        return "N";
    }

    /** A plain number. */
    record Number() implements FieldType {
    }

    /** A file descriptor (or, with IOSQE_FIXED_FILE, an index into the registered files). */
    record Fd() implements FieldType {
        @Override
        public String placeholder() {
            return "FD|$NAME";
        }
    }

    /** The user_data that comes back in the CQE. */
    record UserData() implements FieldType {
    }

    /** Bits or values of a named flag set. */
    record Flags(FlagSet set) implements FieldType {
    }

    /** A result code: a number or an errno name such as -EIO. */
    record Result() implements FieldType {
        @Override
        public String placeholder() {
            return "RES";
        }
    }

    /** A time in nanoseconds held in the SQE itself; typed as 1ms, 250us, 2s. */
    record Duration() implements FieldType {
        @Override
        public String placeholder() {
            return "DURATION";
        }
    }

    /** A pointer to a __kernel_timespec the console allocates and keeps alive until completion; typed as a duration. */
    record TimespecPointer() implements FieldType {
        @Override
        public String placeholder() {
            return "DURATION";
        }
    }

    /** A user-space address: given by the caller (buffers come with the shell). */
    record Address() implements FieldType {
        @Override
        public String placeholder() {
            return "@BUF";
        }
    }

    /**
     * Two numbers packed in one field: the bits from {@code shift} up and the bits below, such as the
     * proposed BPF opcode's sub-op (bits 24..31) and program flags (bits 0..23) in bpf_op_flags.
     *
     * @param shiftConstant the C name of the shift, for C export ("IORING_BPF_OP_SHIFT")
     * @param highLimit     the high half the kernel accepts is below this (IO_RING_MAX_BPF_OPS 16), 0 for none
     * @param highLimitName the C name of that limit, said where a value reaches it
     */
    record Split(String highName, int shift, String lowName, String shiftConstant, long highLimit, String highLimitName)
            implements FieldType {
        public Split(String highName, int shift, String lowName, String shiftConstant) {
            this(highName, shift, lowName, shiftConstant, 0, "");
        }

        /** Why the kernel would refuse this high half, or empty. */
        public java.util.Optional<String> refusal(long high) {
            return highLimit > 0 && high >= highLimit
                    ? java.util.Optional.of(highName + " " + high + " >= " + highLimitName + " (" + highLimit + "): refused at prep with -EINVAL")
                    : java.util.Optional.empty();
        }
    }

    /** Bytes held in the SQE itself, as many as the slot has (URING_CMD's cmd); typed and shown as hex in memory order. */
    record HexBytes() implements FieldType {
        @Override
        public String placeholder() {
            return "HEX";
        }
    }

    FieldType NUMBER = new Number();
    FieldType FD = new Fd();
    FieldType USER_DATA = new UserData();
    FieldType RESULT = new Result();
    FieldType DURATION = new Duration();
    FieldType TIMESPEC_POINTER = new TimespecPointer();
    FieldType ADDRESS = new Address();
    FieldType HEX_BYTES = new HexBytes();

    static FieldType flags(FlagSet set) {
        return new Flags(set);
    }

    /** The kinds that take no parameter, as profiles name them: each one's record name in snake case. */
    java.util.List<FieldType> PLAIN = java.util.List.of(NUMBER, FD, USER_DATA, RESULT, DURATION, TIMESPEC_POINTER, ADDRESS, HEX_BYTES);

    /** {@code number}, {@code user_data}, {@code timespec_pointer}, {@code flags}, {@code split}: the word a profile writes. */
    static String word(Class<? extends FieldType> kind) {
        return kind.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Every word a profile may give as a field's type, in declaration order (flags and split take parameters). */
    static java.util.List<String> words() {
        java.util.List<String> out = new java.util.ArrayList<>(PLAIN.stream().map(t -> word(t.getClass())).toList());
        out.add(word(Flags.class));
        out.add(word(Split.class));
        return java.util.List.copyOf(out);
    }

    /** The parameterless kind a profile names ({@code fd}), if the word is one. */
    static java.util.Optional<FieldType> plain(String word) {
        return PLAIN.stream().filter(t -> word(t.getClass()).equals(word)).findFirst();
    }
}
