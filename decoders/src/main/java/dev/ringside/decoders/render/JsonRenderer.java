package dev.ringside.decoders.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringside.decoders.codec.Decoded;
import dev.ringside.decoders.codec.DecodedField;

import java.math.BigInteger;
import java.util.List;

/**
 * Decoded structs as JSON: {@code {"struct", "title", "fields": [{"name", "uapi_name", "offset",
 * "size", "raw", "hex", "text"}]}}. raw is the unsigned value, so a u64 never turns negative.
 */
public final class JsonRenderer {
    private JsonRenderer() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ObjectNode tree(Decoded decoded) {
        ObjectNode root = JSON.createObjectNode();
        root.put("struct", decoded.struct());
        root.put("title", decoded.title());
        ArrayNode fields = root.putArray("fields");
        for (DecodedField f : decoded.fields()) {
            ObjectNode field = fields.addObject();
            field.put("name", f.name());
            field.put("uapi_name", f.uapiName());
            field.put("offset", f.offset());
            field.put("size", f.size());
            field.put("raw", new BigInteger(Long.toUnsignedString(f.raw())));
            field.put("hex", "0x" + Long.toHexString(f.raw()));
            field.put("text", f.text());
        }
        return root;
    }

    /** One struct as one line of JSON. */
    public static String render(Decoded decoded) {
        return write(tree(decoded), false);
    }

    /** One struct, indented for reading. */
    public static String renderPretty(Decoded decoded) {
        return write(tree(decoded), true);
    }

    /** Several structs (consecutive CQEs, say) as one JSON array. */
    public static String render(List<Decoded> decoded, boolean pretty) {
        ArrayNode array = JSON.createArrayNode();
        decoded.forEach(d -> array.add(tree(d)));
        return write(array, pretty);
    }

    private static String write(Object node, boolean pretty) {
        try {
            return pretty ? JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node)
                    : JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers always serialises", e);
        }
    }
}
