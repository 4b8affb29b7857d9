package dev.ringside.shell.report;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a report must not carry about the machine it was made on, and the last pass that takes it out
 * should anything have slipped in: the working directory (to a relative path), the home directory
 * (to ~), the host name (to HOST). The report is built without them; this is the guarantee.
 */
public final class HostFacts {
    private HostFacts() {
    }

    /** The host's facts, longest first, each with what stands for it. */
    static Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        List<String[]> pairs = new ArrayList<>();
        pairs.add(new String[] {Path.of("").toAbsolutePath() + "/", ""});
        pairs.add(new String[] {Path.of("").toAbsolutePath().toString(), "."});
        String home = System.getProperty("user.home");
        if (home != null && home.length() > 1) {
            pairs.add(new String[] {home, "~"});
        }
        pairs.sort((a, b) -> b[0].length() - a[0].length());
        pairs.forEach(p -> facts.putIfAbsent(p[0], p[1]));
        return facts;
    }

    /** The host name, when it is one (empty when it cannot be read). */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }

    public static String scrub(String text) {
        String out = text;
        for (Map.Entry<String, String> fact : facts().entrySet()) {
            if (fact.getKey().length() > 1) {
                out = out.replace(fact.getKey(), fact.getValue());
            }
        }
        String host = hostName();
        if (!host.isEmpty() && !host.equals("localhost")) {
            out = Pattern.compile("\\b" + Pattern.quote(host) + "\\b").matcher(out).replaceAll(Matcher.quoteReplacement("HOST"));
        }
        return out;
    }
}
