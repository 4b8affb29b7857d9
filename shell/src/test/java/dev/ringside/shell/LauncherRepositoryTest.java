package dev.ringside.shell;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/maven-repo, which ./ringside and ./run-tests source: as nobody (passwd home /nonexistent,
 * which Maven uses whatever $HOME says) the build gets a writable repository and one line says
 * which; a failed build shows Maven's own error lines. A whole build as nobody was checked by hand
 * (docs/reliability.md): it downloads Maven and every plugin, too slow for each test run.
 */
class LauncherRepositoryTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path dir;

    record Run(int exit, String out) {
    }

    /** bash with bin/maven-repo sourced, as uid 65534 (nobody) when {@code asNobody}, with a clean environment. */
    static Run bash(boolean asNobody, String script, String... env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asNobody) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(List.of("env", "-i", "PATH=/usr/bin:/bin"));
        command.addAll(List.of(env));
        command.addAll(List.of("bash", "-c", ". " + ROOT.resolve("bin/maven-repo") + "\n" + script));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    void assumeRootWithSetpriv() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to become nobody");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        // JUnit makes its directory private: nobody must be able to reach what the test gives it
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static final String SHOW = "ringside_maven_repo \"$1\"; echo \"exit=$?\"; printf 'arg %s\\n' \"${MAVEN_REPO_ARGS[@]}\";"
            + " echo \"MAVEN_USER_HOME=${MAVEN_USER_HOME:-}\"";

    @Test
    void asNobodyTheRepositoryGoesUnderXdgCacheHome() throws Exception {
        assumeRootWithSetpriv();
        Path cache = Files.createDirectory(dir.resolve("cache"));
        Files.setOwner(cache, cache.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Path project = Files.createDirectory(dir.resolve("project"));
        Run r = bash(true, SHOW.replace("\"$1\"", project.toString()), "HOME=/nonexistent", "XDG_CACHE_HOME=" + cache);
        assertEquals(0, r.exit(), r.out());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of(
                "ringside: /nonexistent/.m2 is not writable by nobody (Maven uses the passwd home, not $HOME): building with the"
                        + " Maven repository " + cache + "/ringside/m2",
                "exit=0",
                "arg -Dmaven.repo.local=" + cache + "/ringside/m2",
                "MAVEN_USER_HOME=" + cache + "/ringside/maven"), lines, r.out());
        assertTrue(Files.isDirectory(cache.resolve("ringside/m2")));
    }

    @Test
    void asNobodyWithHomeStillRootsTheProjectTargetIsUsed() throws Exception {
        assumeRootWithSetpriv();
        // setpriv keeps HOME=/root: Maven still goes by the passwd home, and neither is writable for nobody
        Path project = Files.createDirectory(dir.resolve("project"));
        Files.createDirectory(project.resolve("target"));
        Files.setOwner(project.resolve("target"), project.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Run r = bash(true, SHOW.replace("\"$1\"", project.toString()), "HOME=/root");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().startsWith("ringside: /nonexistent/.m2 is not writable by nobody (Maven uses the passwd home, not $HOME):"
                + " building with the Maven repository " + project + "/target/ringside-cache/m2\n"), r.out());
        assertTrue(r.out().contains("arg -Dmaven.repo.local=" + project + "/target/ringside-cache/m2\n"), r.out());
    }

    @Test
    void asNobodyWithNothingWritableItSaysSoInOneLine() throws Exception {
        assumeRootWithSetpriv();
        Run r = bash(true, SHOW.replace("\"$1\"", dir.resolve("root-owned").toString()), "HOME=/nonexistent");
        assertTrue(r.out().startsWith("ringside: cannot build as nobody: neither /nonexistent/.m2, /nonexistent/.cache nor "
                + dir.resolve("root-owned") + "/target is writable; set XDG_CACHE_HOME to a writable directory\nexit=1\n"), r.out());
    }

    @Test
    void aWritableHomeChangesNothing() throws Exception {
        Run r = bash(false, SHOW.replace("\"$1\"", dir.toString()), "HOME=" + System.getProperty("user.home"));
        assertEquals("exit=0\narg \nMAVEN_USER_HOME=\n", r.out());
    }

    @Test
    void aFailedBuildShowsMavensErrorLines() throws Exception {
        Path log = dir.resolve("build.log");
        Files.writeString(log, """
                WARNING: A terminally deprecated method in sun.misc.Unsafe has been called
                [ERROR] Failed to execute goal on project ringside-decoders: Could not create local repository at /nonexistent/.m2/repository -> [Help 1]
                [ERROR]\s
                [ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.
                [ERROR] Re-run Maven using the -X switch to enable full debug logging.
                [ERROR] For more information about the errors and possible solutions, please read the following articles:
                [ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/LocalRepositoryNotAccessibleException
                """);
        Run r = bash(false, "ringside_build_errors " + log);
        assertEquals("[ERROR] Failed to execute goal on project ringside-decoders: Could not create local repository at"
                + " /nonexistent/.m2/repository -> [Help 1]\n", r.out());
    }
}
