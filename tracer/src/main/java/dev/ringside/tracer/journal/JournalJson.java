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
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.ringside.decoders.catalog.FieldValue;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.decoders.catalog.SqeDraft;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The journal's on-disk form, JSON Lines: one object per event with {@code "type"} first (the record's
 * name in snake case, {@code cqe_reaped}), then the record's components in declaration order. Bytes are
 * hex, an opcode is its name, an SQE assignment is the field and the text typed for it. Read back through
 * Jackson ({@link #fromJson}); written by hand ({@link JsonLine}, each record's {@link Event#writeLine}), and
 * {@link #toLine} is the reference those lines are tested against (EventLinesTest).
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
        journal.addDeserializer(byte[].class, new StdDeserializer<>(byte[].class) {
            @Override
            public byte[] deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return HexFormat.of().parseHex(parser.getValueAsString());
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
                gen.writeFieldName("value");
                writeValue(value.value(), gen);
                gen.writeEndObject();
            }
        });
        // snake_case keys, as the console's --json output has them
        return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(new Jdk8Module()).registerModule(journal)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** A draft's value as the exporter needs it back: its kind and its parts ({@code {"scalar":5}}). */
    private static void writeValue(FieldValue value, JsonGenerator gen) throws IOException {
        gen.writeStartObject();
        switch (value) {
            case FieldValue.Scalar(long bits) -> gen.writeNumberField("scalar", bits);
            case FieldValue.Timespec(long nanos) -> gen.writeNumberField("timespec_ns", nanos);
            case FieldValue.Bytes b -> gen.writeStringField("bytes", HexFormat.of().formatHex(b.bytes()));
            case FieldValue.RawAddress(long address) -> gen.writeNumberField("raw_address", address);
            case FieldValue.BufferRef(String name, long offset) -> {
                gen.writeStringField("buffer", name);
                gen.writeNumberField("offset", offset);
            }
        }
        gen.writeEndObject();
    }

    private static FieldValue readValue(JsonNode value) {
        if (value.has("scalar")) {
            return new FieldValue.Scalar(value.get("scalar").asLong());
        } else if (value.has("timespec_ns")) {
            return new FieldValue.Timespec(value.get("timespec_ns").asLong());
        } else if (value.has("bytes")) {
            return new FieldValue.Bytes(HexFormat.of().parseHex(value.get("bytes").asText()));
        } else if (value.has("raw_address")) {
            return new FieldValue.RawAddress(value.get("raw_address").asLong());
        } else if (value.has("buffer")) {
            return new FieldValue.BufferRef(value.get("buffer").asText(), value.path("offset").asLong());
        }
        throw new IllegalArgumentException("an SQE assignment's value of no known kind: " + value);
    }

    /** Every event kind by its {@code "type"}: the sealed interface's own list, so a new record needs no entry here. */
    private static final Map<String, Class<? extends Event>> KINDS = kinds();

    @SuppressWarnings("unchecked")
    private static Map<String, Class<? extends Event>> kinds() {
        Map<String, Class<? extends Event>> kinds = new HashMap<>();
        for (Class<?> kind : Event.class.getPermittedSubclasses()) {
            kinds.put(typeName((Class<? extends Event>) kind), (Class<? extends Event>) kind);
        }
        return Map.copyOf(kinds);
    }

    /**
     * An event line read back: the same record {@link #toJson} wrote. An SQE's opcode and fields are the
     * objects the journal saw ({@code vocabulary}), so an export reads what was submitted, even after a
     * profile was unloaded.
     *
     * @throws IllegalArgumentException when the line is no event of this schema (a header, a session line, another version)
     */
    public static Event fromJson(JsonNode node, Vocabulary vocabulary) {
        String type = node.path("type").asText("");
        Class<? extends Event> kind = KINDS.get(type);
        if (kind == null) {
            throw new IllegalArgumentException("no event of type '" + type + "'");
        }
        if (kind == Event.SqeAssigned.class) {
            return sqeAssigned(node, vocabulary);
        }
        ObjectNode fields = node.deepCopy();
        fields.remove("type");
        try {
            return MAPPER.treeToValue(fields, kind);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("a '" + type + "' line does not read back: " + e.getMessage(), e);
        }
    }

    private static Event.SqeAssigned sqeAssigned(JsonNode node, Vocabulary vocabulary) {
        String opcodeName = node.path("opcode").asText();
        Opcode opcode = vocabulary.opcode(opcodeName);
        List<SqeDraft.Assignment> assignments = new ArrayList<>();
        for (JsonNode a : node.path("assignments")) {
            SqeField field = vocabulary.field(opcodeName, a.path("field").asText());
            assignments.add(new SqeDraft.Assignment(field, readValue(a.path("value")), a.path("text").asText()));
        }
        return new Event.SqeAssigned(node.path("at").asLong(), node.path("ring").asText(), opcode, assignments);
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

    /** Each kind's {@code "type"} member, worked out once per class. */
    private static final ClassValue<String> TYPE_MEMBER = new ClassValue<>() {
        @Override
        @SuppressWarnings("unchecked")
        protected String computeValue(Class<?> kind) {
            return "{\"type\":\"" + typeName((Class<? extends Event>) kind) + "\"";
        }
    };

    /** The event as one line of text, without the newline: the same as {@link #toJson}, written without a tree in between. */
    public static String toLine(Event event) {
        String fields;
        try {
            fields = MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a journal event did not serialize: " + e.getMessage(), e);
        }
        String type = TYPE_MEMBER.get(event.getClass());
        return fields.equals("{}") ? type + "}" : type + "," + fields.substring(1);
    }

    /**
     * A line of a journal's history read back ({@link Journal#replay}). Here, not in Journal: verifying Journal, which
     * every session makes, then loads none of Jackson's classes (a catch of its exception would).
     *
     * @throws IllegalStateException when the line is not JSON
     */
    static JsonNode historyLine(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the journal's history has a line that is not JSON: " + e.getOriginalMessage());
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a journal event did not serialize: " + e.getMessage(), e);
        }
    }
}
