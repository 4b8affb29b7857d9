package dev.ringside.decoders.register;

import java.lang.foreign.StructLayout;
import java.util.List;

/**
 * What the {@code arg} of an io_uring_register opcode points to, as the catalogue declares it: nothing,
 * one uapi struct (with the fields that point to further structs), an array of them ({@code nr_args}
 * entries), an array of 32-bit words, a CPU mask, an SQE, or {@code struct io_uring_probe} with its ops.
 */
public sealed interface RegisterArg {
    /** A one-line C description: {@code struct io_uring_buf_reg}, {@code struct iovec[nr]}. */
    String describe();

    /** The struct layouts this argument holds or points to, for the layout oracle and the decoder. */
    List<StructLayout> layouts();

    /** arg is NULL. */
    record None() implements RegisterArg {
        public String describe() {
            return "NULL";
        }

        public List<StructLayout> layouts() {
            return List.of();
        }
    }

    /** One struct; {@code pointers} are its fields that hold the address of another argument struct. */
    record Struct(StructLayout layout, List<Pointer> pointers) implements RegisterArg {
        public Struct {
            pointers = List.copyOf(pointers);
        }

        public String describe() {
            return "struct " + layout.name().orElseThrow();
        }

        public List<StructLayout> layouts() {
            List<StructLayout> out = new java.util.ArrayList<>(List.of(layout));
            pointers.forEach(p -> out.addAll(p.target().layouts()));
            return out;
        }
    }

    /** {@code nr_args} structs one after the other. */
    record Array(StructLayout layout) implements RegisterArg {
        public String describe() {
            return "struct " + layout.name().orElseThrow() + "[nr]";
        }

        public List<StructLayout> layouts() {
            return List.of(layout);
        }
    }

    /** 32-bit words: {@code int fds[nr]}, {@code __u32[2]} of IOWQ_MAX_WORKERS; {@code names} label the first ones. */
    record Words(String ctype, boolean signed, List<String> names) implements RegisterArg {
        public Words {
            names = List.copyOf(names);
        }

        public String describe() {
            return ctype + "[nr]";
        }

        public List<StructLayout> layouts() {
            return List.of();
        }
    }

    /** A cpu_set_t of {@code nr_args} bytes. */
    record CpuMask() implements RegisterArg {
        public String describe() {
            return "cpu_set_t (nr bytes)";
        }

        public List<StructLayout> layouts() {
            return List.of();
        }
    }

    /** One {@code struct io_uring_sqe} (SEND_MSG_RING: a MSG_RING SQE sent without a ring). */
    record Sqe() implements RegisterArg {
        public String describe() {
            return "struct io_uring_sqe";
        }

        public List<StructLayout> layouts() {
            return List.of(dev.ringside.decoders.layout.UapiLayouts.IO_URING_SQE);
        }
    }

    /** {@code struct io_uring_probe} followed by {@code nr_args} {@code struct io_uring_probe_op}. */
    record Probe() implements RegisterArg {
        public String describe() {
            return "struct io_uring_probe with ops[nr]";
        }

        public List<StructLayout> layouts() {
            return List.of(dev.ringside.decoders.layout.UapiLayouts.IO_URING_PROBE,
                    dev.ringside.decoders.layout.UapiLayouts.IO_URING_PROBE_OP);
        }
    }

    /**
     * A field of an argument struct holding the address of {@code target}; {@code countField} names the
     * field with the entry count of an array target ("" for one struct).
     */
    record Pointer(String field, RegisterArg target, String countField) {
    }
}
