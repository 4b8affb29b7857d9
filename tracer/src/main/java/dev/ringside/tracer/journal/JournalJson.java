package dev.ringside.tracer.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;

import java.io.IOException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The journal's on-disk form, JSON Lines: one object per event with {@code "type"} first (the record's
 * name in snake case, {@code cqe_reaped}), then the record's components in declaration order. Bytes are
 * hex, an opcode is its name, an SQE assignment is the field and the text typed for it.
 */
public final class JournalJson {
    /** Bumped when a type or field changes meaning; the first line of every journal file carries it. */
    public static final int SCHEMA_VERSION = 1;
    /** The first line's {@code "type"}. */
    public static final String HEADER_TYPE = "journal";
    /** A session's first line in a file (a file may hold several: {@code ringside run a.iou b.iou}). */
    public static final String SESSION_TYPE = "session";

    private static final ObjectMapper MAPPER = build();

    private JournalJson() {
    }

    /** The mapper every journal reader and writer shares (Jackson's ObjectMapper is thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper build() {
        SimpleModule journal = new SimpleModule("ringside-journal");
        journal.addSerializer(byte[].class, new StdSerializer<>(byte[].class) {
            @Override
            public void serialize(byte[] value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(HexFormat.of().formatHex(value));
            }
        });
        journal.addSerializer(Opcode.class, new StdSerializer<>(Opcode.class) {
            @Override
            public void serialize(Opcode value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.name());
            }
        });
        journal.addSerializer(SqeDraft.Assignment.class, new StdSerializer<>(SqeDraft.Assignment.class) {
            @Override
            public void serialize(SqeDraft.Assignment value, JsonGenerator gen, SerializerProvider provider)
                    throws IOException {
                gen.writeStartObject();
                gen.writeStringField("field", value.field().name());
                gen.writeStringField("text", value.text());
                gen.writeEndObject();
            }
        });
        // snake_case keys, as the console's --json output has them
        return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(new Jdk8Module()).registerModule(journal)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** {@code CqeReaped} -> {@code cqe_reaped}. */
    public static String typeName(Class<? extends Event> kind) {
        return kind.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** The event as one JSON object, {@code "type"} first. */
    public static ObjectNode toJson(Event event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", typeName(event.getClass()));
        node.setAll((ObjectNode) MAPPER.valueToTree(event));
        return node;
    }

    /** The event as one line of text, without the newline. */
    public static String toLine(Event event) {
        return write(toJson(event));
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a journal event did not serialize: " + e.getMessage(), e);
        }
    }
}
