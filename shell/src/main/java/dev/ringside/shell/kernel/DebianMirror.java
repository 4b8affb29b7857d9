package dev.ringside.shell.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Debian archive this host already uses (its apt sources), so kernels come from the same place. */
final class DebianMirror {
    private static final Pattern URI = Pattern.compile("(?:^URIs:\\s*|^deb\\s+(?:\\[[^]]*]\\s+)?)(\\S+/debian)/?(?:\\s|$)", Pattern.MULTILINE);

    private DebianMirror() {
    }

    static Optional<String> find() {
        String override = System.getenv("RINGSIDE_DEBIAN_MIRROR");
        if (override != null && !override.isBlank()) {
            return Optional.of(override.strip());
        }
        List<Path> files = new ArrayList<>(List.of(Path.of("/etc/apt/sources.list")));
        try (Stream<Path> parts = Files.list(Path.of("/etc/apt/sources.list.d"))) {
            parts.filter(p -> p.toString().endsWith(".list") || p.toString().endsWith(".sources")).sorted().forEach(files::add);
        } catch (IOException e) {
            // no sources.list.d: the main file alone
        }
        for (Path file : files) {
            try {
                Optional<String> uri = first(Files.readString(file));
                if (uri.isPresent()) {
                    return uri;
                }
            } catch (IOException e) {
                // unreadable: try the next
            }
        }
        return Optional.empty();
    }

    /** The first archive URI ending in {@code /debian} (not debian-security) in a sources text. */
    static Optional<String> first(String sources) {
        Matcher m = URI.matcher(sources);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
