package dev.ringside.shell.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The ringside version and git commit, written into build.properties when the classes were built. */
public record BuildInfo(String version, String commit) {
    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource: the report says unknown
        }
        return new BuildInfo(p.getProperty("version", "unknown"), p.getProperty("commit", "unknown"));
    }
}
