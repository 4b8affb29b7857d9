package dev.ringside.decoders.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.FieldSpec;
import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeSlot;
import dev.ringside.decoders.codec.SqeCodec;
import dev.ringside.decoders.flags.Flag;
import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a profile's JSON (see {@code profiles/bpf-ext.json}) into a {@link Profile}, checking every
 * field; an error names the source and the JSON path, e.g.
 * {@code bpf-ext.json: opcodes[0].fields[1].slot: unknown slot 'adr' (valid: opcode, flags, ...)}.
 * Numbers are JSON integers, strings such as {@code "0x41"}, or {@code "$opcode"}: a parameter the
 * profile declares and the user may override when loading ({@code bpf-ext:opcode=70}).
 */
public final class ProfileParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> TOP = Set.of("profile", "series", "description", "parameters", "assumptions",
            "flag_sets", "flags", "sqe_members", "opcodes");
    private static final Set<String> OPCODE_KEYS = Set.of("number", "name", "since", "summary", "fields");
    private static final Set<String> FIELD_KEYS = Set.of("name", "slot", "type", "flag_set", "split", "doc", "when", "unless", "preset");
    /** Read from FieldType, so a kind added there is a profile type at once (they had drifted: hex_bytes was missing). */
    private static final List<String> TYPES = FieldType.words();

    private final String source;
    private final Map<String, Long> parameters = new LinkedHashMap<>();

    private ProfileParser(String source) {
        this.source = source;
    }

    /**
     * @param source    the file name errors start with ("bpf-ext.json")
     * @param overrides parameter values given when loading; each must be a parameter the profile declares
     * @param base      the catalogue whose flag sets the profile names and extends
     */
    public static Profile parse(String source, String json, Map<String, String> overrides, Catalog base) {
        return new ProfileParser(source).profile(json, overrides, base);
    }

    private Profile profile(String json, Map<String, String> overrides, Catalog base) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ProfileException(source, "", "not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ProfileException(source, "", "a profile is a JSON object");
        }
        keys(root, "", TOP);
        String name = text(root, "", "profile");
        String series = text(root, "", "series");
        String description = optionalText(root, "description", "");
        readParameters(root.path("parameters"), overrides, name);
        List<String> assumptions = new ArrayList<>();
        forEach(root, "", "assumptions", (node, path) -> assumptions.add(interpolate(stringValue(node, path), path)));

        List<FlagSet> sets = new ArrayList<>();
        forEach(root, "", "flag_sets", (node, path) -> sets.add(flagSet(node, path)));
        Catalog working = base;
        for (FlagSet set : sets) {
            working = working.withFlagSet(set);
        }
        List<Profile.FlagAddition> flags = new ArrayList<>();
        Catalog[] current = {working};
        forEach(root, "", "flags", (node, path) -> {
            Profile.FlagAddition add = flagAddition(node, path, current[0]);
            flags.add(add);
            current[0] = current[0].withFlagSet(current[0].flagSet(add.set()).with(add.flag()));
        });
        List<Profile.SqeMember> members = new ArrayList<>();
        forEach(root, "", "sqe_members", (node, path) -> members.add(sqeMember(node, path)));
        List<Opcode> opcodes = new ArrayList<>();
        forEach(root, "", "opcodes", (node, path) -> opcodes.add(opcode(node, path, current[0])));
        return new Profile(name, series, description, parameters, assumptions, sets, flags, members, opcodes);
    }

    private void readParameters(JsonNode node, Map<String, String> overrides, String profileName) {
        if (!node.isMissingNode()) {
            if (!node.isObject()) {
                throw new ProfileException(source, "parameters", "expected an object of name: {\"value\": N, \"doc\": ...}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "parameters." + e.getKey();
                keys(e.getValue(), path, Set.of("value", "doc"));
                parameters.put(e.getKey(), number(required(e.getValue(), path, "value"), path + ".value"));
            }
        }
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if (!parameters.containsKey(o.getKey())) {
                throw new ValueException(profileName + ": no parameter '" + o.getKey() + "'"
                        + (parameters.isEmpty() ? "; it takes none" : " (valid: " + String.join(", ", parameters.keySet()) + ")"));
            }
            try {
                parameters.put(o.getKey(), Values.parseLong(o.getValue()));
            } catch (ValueException e) {
                throw new ValueException(profileName + ": " + o.getKey() + "=" + o.getValue() + ": " + e.getMessage());
            }
        }
    }

    private FlagSet flagSet(JsonNode node, String path) {
        keys(node, path, Set.of("name", "prefix", "kind", "members"));
        String kindText = text(node, path, "kind");
        FlagSet.Kind kind = switch (kindText) {
            case "bits" -> FlagSet.Kind.BITS;
            case "values" -> FlagSet.Kind.VALUES;
            default -> throw new ProfileException(source, path + ".kind", "unknown kind '" + kindText + "' (valid: bits, values)");
        };
        String prefix = text(node, path, "prefix");
        List<Flag> members = new ArrayList<>();
        forEach(node, path, "members", (m, p) -> members.add(flag(m, p, prefix)));
        return new FlagSet(text(node, path, "name"), prefix, kind, members);
    }

    private Profile.FlagAddition flagAddition(JsonNode node, String path, Catalog catalog) {
        keys(node, path, Set.of("set", "name", "value", "c_name", "doc"));
        String setName = text(node, path, "set");
        if (!catalog.flagSetNames().contains(setName)) {
            throw new ProfileException(source, path + ".set", "unknown flag set '" + setName + "'"
                    + Values.suggestion(setName, catalog.flagSetNames()) + " (valid: " + String.join(", ", catalog.flagSetNames()) + ")");
        }
        return new Profile.FlagAddition(setName, flag(node, path, catalog.flagSet(setName).prefix()));
    }

    private Flag flag(JsonNode node, String path, String prefix) {
        String name = text(node, path, "name").toUpperCase(Locale.ROOT);
        String bare = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
        long value = number(required(node, path, "value"), path + ".value");
        return new Flag(bare, value, optionalText(node, "c_name", prefix + bare));
    }

    private Profile.SqeMember sqeMember(JsonNode node, String path) {
        keys(node, path, Set.of("name", "offset", "size", "doc"));
        String name = text(node, path, "name");
        long offset = number(required(node, path, "offset"), path + ".offset");
        long size = number(required(node, path, "size"), path + ".size");
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new ProfileException(source, path + ".size", size + " is not an integer size (valid: 1, 2, 4, 8)");
        }
        if (offset < 0 || offset + size > SqeCodec.SQE_SIZE) {
            throw new ProfileException(source, path + ".offset", "offset " + offset + " + size " + size
                    + " is outside the " + SqeCodec.SQE_SIZE + "-byte SQE");
        }
        SqeCodec.layoutFields().stream().filter(f -> f.name().equals(name) && f.offset() != offset).findFirst()
                .ifPresent(f -> {
                    throw new ProfileException(source, path + ".name", name + " is already the uapi member at offset " + f.offset());
                });
        return new Profile.SqeMember(name, offset, size, optionalText(node, "doc", "added by a profile"));
    }

    private Opcode opcode(JsonNode node, String path, Catalog catalog) {
        keys(node, path, OPCODE_KEYS);
        long number = number(required(node, path, "number"), path + ".number");
        if (number < 0 || number > 255) {
            throw new ProfileException(source, path + ".number", "opcode " + number + " does not fit sqe->opcode (0..255)");
        }
        String name = text(node, path, "name").toUpperCase(Locale.ROOT);
        name = name.startsWith("IORING_OP_") ? name.substring("IORING_OP_".length()) : name;
        List<FieldSpec> fields = new ArrayList<>();
        forEach(node, path, "fields", (f, p) -> fields.add(field(f, p, catalog)));
        return new Opcode((int) number, name, text(node, path, "since"), text(node, path, "summary"), fields);
    }

    private FieldSpec field(JsonNode node, String path, Catalog catalog) {
        keys(node, path, FIELD_KEYS);
        SqeSlot slot = slot(node.path("slot"), path + ".slot");
        FieldType type = type(node, path, catalog, slot);
        FieldSpec spec = FieldSpec.field(text(node, path, "name"), slot, type, optionalText(node, "doc", ""));
        if (node.has("when") && node.has("unless")) {
            throw new ProfileException(source, path, "give 'when' or 'unless', not both");
        }
        for (String key : List.of("when", "unless")) {
            if (node.has(key)) {
                JsonNode c = node.get(key);
                keys(c, path + "." + key, Set.of("slot", "mask"));
                SqeSlot flagSlot = slot(c.path("slot"), path + "." + key + ".slot");
                long mask = number(required(c, path + "." + key, "mask"), path + "." + key + ".mask");
                spec = key.equals("when") ? spec.when(flagSlot, mask) : spec.unless(flagSlot, mask);
            }
        }
        if (node.has("preset")) {
            spec = spec.preset(number(node.get("preset"), path + ".preset"));
        }
        return spec;
    }

    private FieldType type(JsonNode node, String path, Catalog catalog, SqeSlot slot) {
        String type = text(node, path, "type");
        if (FieldType.plain(type).isPresent()) {
            return FieldType.plain(type).get();
        }
        return switch (type) {
            case "flags" -> {
                String set = text(node, path, "flag_set");
                if (!catalog.flagSetNames().contains(set)) {
                    throw new ProfileException(source, path + ".flag_set", "unknown flag set '" + set + "'"
                            + Values.suggestion(set, catalog.flagSetNames()) + " (valid: " + String.join(", ", catalog.flagSetNames()) + ")");
                }
                yield FieldType.flags(catalog.flagSet(set));
            }
            case "split" -> split(required(node, path, "split"), path + ".split", slot);
            default -> throw new ProfileException(source, path + ".type", "unknown type '" + type + "'"
                    + Values.suggestion(type, TYPES) + " (valid: " + String.join(", ", TYPES) + ")");
        };
    }

    private FieldType.Split split(JsonNode node, String path, SqeSlot slot) {
        keys(node, path, Set.of("high", "shift", "low", "shift_name", "high_limit", "high_limit_name"));
        long shift = number(required(node, path, "shift"), path + ".shift");
        if (shift < 1 || shift >= slot.size() * 8) {
            throw new ProfileException(source, path + ".shift", "shift " + shift + " must be 1.." + (slot.size() * 8 - 1)
                    + " for the " + slot.size() + "-byte slot " + slot.name().toLowerCase(Locale.ROOT));
        }
        long limit = node.has("high_limit") ? number(node.get("high_limit"), path + ".high_limit") : 0;
        return new FieldType.Split(text(node, path, "high"), (int) shift, text(node, path, "low"),
                optionalText(node, "shift_name", Long.toString(shift)), limit, optionalText(node, "high_limit_name", Long.toString(limit)));
    }

    private SqeSlot slot(JsonNode node, String path) {
        List<String> valid = Arrays.stream(SqeSlot.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList();
        if (!node.isTextual()) {
            throw new ProfileException(source, path, "expected a slot name (valid: " + String.join(", ", valid) + ")");
        }
        String text = node.asText();
        return Arrays.stream(SqeSlot.values())
                .filter(s -> s.name().equalsIgnoreCase(text) || s.uapiName().equals(text)).findFirst()
                .orElseThrow(() -> new ProfileException(source, path, "unknown slot '" + text + "'"
                        + Values.suggestion(text, valid) + " (valid: " + String.join(", ", valid) + ")"));
    }

    // --- JSON helpers: every error says where ---

    private interface Item {
        void accept(JsonNode node, String path);
    }

    private void forEach(JsonNode parent, String parentPath, String key, Item item) {
        JsonNode list = parent.path(key);
        String path = join(parentPath, key);
        if (list.isMissingNode()) {
            return;
        }
        if (!list.isArray()) {
            throw new ProfileException(source, path, "expected a list");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode element = list.get(i);
            String at = path + "[" + i + "]";
            if (!element.isObject() && !key.equals("assumptions")) {
                throw new ProfileException(source, at, "expected an object");
            }
            item.accept(element, at);
        }
    }

    private void keys(JsonNode node, String path, Set<String> valid) {
        if (!node.isObject()) {
            throw new ProfileException(source, path, "expected an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!valid.contains(key)) {
                List<String> sorted = valid.stream().sorted().toList();
                throw new ProfileException(source, join(path, key), "unknown key" + Values.suggestion(key, sorted)
                        + " (valid: " + String.join(", ", sorted) + ")");
            }
        }
    }

    private JsonNode required(JsonNode node, String path, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new ProfileException(source, join(path, key), "missing");
        }
        return value;
    }

    private String text(JsonNode node, String path, String key) {
        return stringValue(required(node, path, key), join(path, key));
    }

    private String stringValue(JsonNode node, String path) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new ProfileException(source, path, "expected a non-empty string");
        }
        return node.asText();
    }

    /** {@code ${opcode}} in a text: the parameter's value as loaded, so a message says the number really used. */
    private String interpolate(String text, String path) {
        Matcher m = PARAMETER_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Long value = parameters.get(m.group(1));
            if (value == null) {
                throw new ProfileException(source, path, "no parameter '" + m.group(1) + "'"
                        + (parameters.isEmpty() ? "; declare it under \"parameters\"" : " (valid: " + String.join(", ", parameters.keySet()) + ")"));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value + " (0x" + Long.toHexString(value) + ")"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final Pattern PARAMETER_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private static String optionalText(JsonNode node, String key, String otherwise) {
        JsonNode value = node.get(key);
        return value != null && value.isTextual() ? value.asText() : otherwise;
    }

    /** An integer, a numeric string ("0x41", "1<<21" is not one), or "$parameter". */
    private long number(JsonNode node, String path) {
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isTextual()) {
            String text = node.asText().trim();
            if (text.startsWith("$")) {
                String name = text.substring(1);
                Long value = parameters.get(name);
                if (value == null) {
                    throw new ProfileException(source, path, "no parameter '" + name + "'"
                            + (parameters.isEmpty() ? "; declare it under \"parameters\"" : " (valid: " + String.join(", ", parameters.keySet()) + ")"));
                }
                return value;
            }
            if (Values.looksNumeric(text)) {
                try {
                    return Values.parseLong(text);
                } catch (ValueException e) {
                    throw new ProfileException(source, path, e.getMessage());
                }
            }
        }
        throw new ProfileException(source, path, "expected a number (42, \"0x2a\" or \"$parameter\"), got " + node);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
