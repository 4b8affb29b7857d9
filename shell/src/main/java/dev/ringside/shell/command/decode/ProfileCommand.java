package dev.ringside.shell.command.decode;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.profile.Profile;
import dev.ringside.decoders.profile.ProfileParser;
import dev.ringside.decoders.profile.Profiles;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.InputFiles;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code profile load NAME|FILE [param=value...]}, {@code profile list}: extend the session's catalogue at run time. */
public final class ProfileCommand implements Declared {
    private final Session session;

    public ProfileCommand(Session session) {
        this.session = session;
    }

    private void load(Args args) {
        String spec = args.word(0).orElseThrow();
        List<String> words = args.words().stream().filter(w -> w.indexOf('=') > 0).toList();
        Profile profile = load(spec + (words.isEmpty() ? "" : ":" + String.join(",", words)), session.catalog());
        try {
            session.catalog(profile.applyTo(session.catalog()));
        } catch (ValueException e) {
            throw new ConsoleException(e.getMessage(), spec);
        }
        String opcodes = profile.opcodes().stream().map(op -> op.name() + "=" + op.number()).collect(Collectors.joining(", "));
        session.out().println("profile " + profile.summary() + " loaded: " + profile.opcodes().size() + " opcodes"
                + (opcodes.isEmpty() ? "" : " (" + opcodes + ")") + ", " + profile.flags().size() + " flags, "
                + profile.sqeMembers().size() + " SQE members");
        profile.assumptions().forEach(a -> session.out().println("  assumption: " + a));
    }

    private void unload(Args args) {
        String name = args.word(0).orElseThrow();
        Catalog.AppliedProfile loaded = session.catalog().profile(name).orElseThrow(() -> new ConsoleException("profile " + name
                + " is not loaded; loaded: " + (session.catalog().profiles().isEmpty() ? "none" : String.join("; ", session.catalog().profiles())), name));
        // a draft of an opcode the profile added would be sent under a number the console no longer knows
        for (int i = 0; i < session.drafts().size(); i++) {
            if (loaded.opcodes().contains(session.drafts().get(i).opcode().number())) {
                throw new ConsoleException("sqe #" + (i + 1) + " is a " + session.drafts().get(i).opcode().name()
                        + " draft of profile " + name + "; drop it first (sqe drop #" + (i + 1) + ")", name);
            }
        }
        try {
            session.catalog(session.catalog().withoutProfile(name));
        } catch (ValueException e) {
            throw new ConsoleException("cannot unload " + name + ": " + e.getMessage(), name);
        }
        session.out().println("profile " + loaded.summary() + " unloaded");
    }

    private void list(Args args) {
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

    static final Syntax LOAD = Syntax.of("profile load",
                    "Load a built-in profile by name or a JSON file; PARAM=VALUE overrides its parameters. Each profile loads once.")
            .with(Positional.required("NAME|FILE", new ValueType.Choices("NAME|FILE", s -> Profiles.BUILTIN), "bpf-ext, or a JSON file"))
            .note("PARAM=VALUE: a parameter the profile declares, e.g. opcode=70").optionsAsTyped();
    static final Syntax UNLOAD = Syntax.of("profile unload", "Take a loaded profile's opcodes, flags and SQE members out of the session's catalogue.")
            .with(Positional.required("NAME", new ValueType.Choices("NAME", s -> s.catalog().profiles().stream()
                    .map(p -> p.split("[ (:]")[0]).toList()), "a loaded profile"));
    static final Syntax LIST = Syntax.of("profile list", "The profiles loaded in this session and the built-in ones.");

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(LOAD, this::load), new Verb(UNLOAD, this::unload), new Verb(LIST, this::list));
    }

    @Override
    public String summary() {
        return "Load a profile (opcodes and flags of a patch series under review): profile load bpf-ext opcode=70, profile unload, profile list.";
    }
}
