package dev.ringside.decoders.codec;

import java.util.List;
import java.util.Optional;

/** A decoded struct: its C name, a one-line title, and its fields in order. */
public record Decoded(String struct, String title, List<DecodedField> fields) {
    public Decoded {
        fields = List.copyOf(fields);
    }

    public Optional<DecodedField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
