package dev.ringside.decoders.profile;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.values.ValueException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profiles shipped in {@code resources/profiles/} and the {@code NAME[:param=value,...]} spelling
 * used to load one. Files on disk are read by the caller (the decoders do no I/O) and given to
 * {@link ProfileParser}.
 */
public final class Profiles {
    private Profiles() {
    }

    /** Profiles shipped with ringside, loadable by name. */
    public static final List<String> BUILTIN = List.of("bpf-ext");

    /** What the user typed to load a profile: a name or path, and parameter overrides. */
    public record Spec(String nameOrPath, Map<String, String> overrides) {
        public Spec {
            overrides = Map.copyOf(overrides);
        }
    }

    /** {@code bpf-ext}, {@code bpf-ext:opcode=70}, {@code ./my.json:opcode=70,x=1}. */
    public static Spec spec(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0 || !text.substring(colon + 1).contains("=")) {
            return new Spec(text, Map.of());
        }
        return new Spec(text.substring(0, colon), overrides(List.of(text.substring(colon + 1).split(","))));
    }

    /** {@code opcode=70} words into a map; a word without '=' is an error. */
    public static Map<String, String> overrides(List<String> words) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new ValueException("profile parameter '" + word + "' must be NAME=VALUE, e.g. opcode=70");
            }
            out.put(word.substring(0, eq).trim(), word.substring(eq + 1).trim());
        }
        return out;
    }

    /** The JSON text of a shipped profile. */
    public static Optional<String> builtinText(String name) {
        if (!BUILTIN.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = Profiles.class.getResourceAsStream("/profiles/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("profile " + name + " is missing from the jar");
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shipped profile, parsed against {@code base}. */
    public static Profile builtin(String name, Map<String, String> overrides, Catalog base) {
        String text = builtinText(name).orElseThrow(() -> new ValueException("no built-in profile '" + name
                + "' (built-in: " + String.join(", ", BUILTIN) + "; or give a path to a .json file)"));
        return ProfileParser.parse(name + ".json", text, overrides, base);
    }
}
