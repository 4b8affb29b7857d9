package dev.ringside.shell.command.fd;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.PathSafety;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.tracer.sys.FdCalls;
import dev.ringside.tracer.sys.OpenFlag;
import dev.ringside.tracer.sys.SyscallException;

import java.util.List;

/** {@code file open NAME PATH}: a file the console opens, {@code $NAME.fd} in SQE fields. */
public final class FileCommand implements Declared {
    private final Session session;

    public FileCommand(Session session) {
        this.session = session;
    }

    static final Syntax OPEN = Syntax.of("file open", "openat(AT_FDCWD, PATH, flags, mode); the fd is $NAME.fd in SQE fields.")
            .with(Positional.required("NAME", ValueType.Name.NEW_NAME, "the file's name in the console"),
                    Positional.required("PATH", ValueType.Name.PATH, "the file to open"))
            .with(Option.of("flags", new ValueType.FlagsOf(OpenFlag.SET), "RDONLY", "O_* flags, e.g. RDWR|CREAT|TRUNC"),
                    Option.of("mode", ValueType.Name.TEXT, "0644", "permissions for CREAT, in octal"));

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(OPEN, this::open));
    }

    @Override
    public String summary() {
        return "Open files for SQEs to work on: file open NAME PATH [flags=RDWR|CREAT] [mode=0644].";
    }

    private void open(Args args) {
        String name = args.word(0).orElseThrow();
        String path = args.word(1).orElseThrow();
        session.resources().checkNewName(name);
        PathSafety.checkOpen(session, path);
        long flags = args.number("flags");
        long mode = mode(args);
        int fd;
        try {
            fd = FdCalls.open(path, (int) flags, (int) mode);
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage(), path);
        }
        String what = path + " " + OpenFlag.SET.format(flags | OpenFlag.CLOEXEC.value());
        FdsCommand.opened(session, "openat", List.of(flags, mode), path, List.of(new FdsCommand.NewFd(name + ".fd", fd, what)));
    }

    /** Octal as in C and chmod: {@code 0644} or {@code 644}; {@code 0x1a4} as hex. */
    private static long mode(Args args) {
        String v = args.text("mode");
        if (v.matches("[0-7]{1,4}")) {
            return Long.parseLong(v, 8);
        }
        long mode;
        try {
            mode = dev.ringside.decoders.values.Values.parseLong(v);
        } catch (dev.ringside.decoders.values.ValueException e) {
            throw args.error("mode", "mode: " + e.getMessage());
        }
        if (mode < 0 || mode > 07777) {
            throw args.error("mode", "mode is a permission such as 0644, not " + v);
        }
        return mode;
    }
}
