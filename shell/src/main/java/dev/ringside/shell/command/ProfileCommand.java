package dev.ringside.shell.command;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.profile.Profile;
import dev.ringside.decoders.profile.ProfileParser;
import dev.ringside.decoders.profile.Profiles;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.InputFiles;
import dev.ringside.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code profile load NAME|FILE [param=value...]}, {@code profile list}: extend the session's catalogue at run time. */
@Command(name = "profile", description = "Load a profile (opcodes and flags of a patch series under review): profile load bpf-ext opcode=70, profile list.")
public final class ProfileCommand {
    private final Session session;

    public ProfileCommand(Session session) {
        this.session = session;
    }

    @Command(name = "load", description = "Load a built-in profile by name (bpf-ext) or a JSON file; NAME=VALUE overrides its parameters.")
    void load(@Parameters(paramLabel = "NAME|FILE") String spec,
              @Parameters(paramLabel = "PARAM=VALUE", arity = "0..*") List<String> params) {
        List<String> words = params == null ? List.of() : params;
        Profile profile = load(spec + (words.isEmpty() ? "" : ":" + String.join(",", words)), session.catalog());
        session.catalog(profile.applyTo(session.catalog()));
        session.out().println("profile " + profile.summary() + " loaded: " + profile.opcodes().size() + " opcodes, "
                + profile.flags().size() + " flags, " + profile.sqeMembers().size() + " SQE members");
        profile.assumptions().forEach(a -> session.out().println("  assumption: " + a));
    }

    @Command(name = "list", description = "The profiles loaded in this session and the built-in ones.")
    void list() {
        List<String> loaded = session.catalog().profiles();
        session.out().println("loaded: " + (loaded.isEmpty() ? "none" : String.join("; ", loaded)));
        session.out().println("built-in: " + String.join(", ", Profiles.BUILTIN));
    }

    /** A profile by {@code NAME[:p=v,...]} (built-in) or {@code FILE[:p=v,...]}, parsed against {@code base}. */
    public static Profile load(String specText, Catalog base) {
        Profiles.Spec spec = Profiles.spec(specText);
        String name = spec.nameOrPath();
        Map<String, String> overrides = spec.overrides();
        if (Profiles.BUILTIN.contains(name)) {
            return Profiles.builtin(name, overrides, base);
        }
        Path file = Path.of(name);
        // a file that exists but is no regular file (a FIFO, /dev/zero) is refused below, naming what it is
        if (!Files.exists(file)) {
            List<String> valid = new ArrayList<>(Profiles.BUILTIN);
            throw new ConsoleException("no profile '" + name + "': not a built-in (" + String.join(", ", valid)
                    + ") nor a readable .json file", name);
        }
        String text;
        try {
            text = InputFiles.text(file, InputFiles.MAX_PROFILE_BYTES, "the profile", () -> false);
        } catch (InputFiles.Refused e) {
            throw new ConsoleException((e.hasPosition() ? file + ":" + e.line() + ":" + e.textColumn() + ": " : "")
                    + e.getMessage(), name);
        }
        return ProfileParser.parse(file.getFileName().toString(), text, overrides, base);
    }
}
