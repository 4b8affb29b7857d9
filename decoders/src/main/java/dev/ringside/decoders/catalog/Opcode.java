package dev.ringside.decoders.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One io_uring opcode as declared in the catalogue.
 *
 * @param number  the IORING_OP_* value
 * @param name    without the IORING_OP_ prefix
 * @param since   the kernel release that introduced it ("5.4"), or "proposed: ..." for a series under review
 * @param summary one line: what the request does
 * @param fields  the SQE fields it reads, under their per-opcode names
 */
public record Opcode(int number, String name, String since, String summary, List<FieldSpec> fields) {
    public Opcode {
        fields = List.copyOf(fields);
    }

    public String cName() {
        return "IORING_OP_" + name;
    }

    public Optional<FieldSpec> field(String fieldName) {
        for (FieldSpec f : fields) { // a loop, not a stream: asked for every assignment of every submit
            if (f.name().equals(fieldName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
