package dev.ringside.shell.command;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.PathSafety;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.sys.FdCalls;
import dev.ringside.tracer.sys.OpenFlag;
import dev.ringside.tracer.sys.SyscallException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code file open NAME PATH}: a file the console opens, {@code $NAME.fd} in SQE fields. */
@Command(name = "file", description = "Open files for SQEs to work on: file open NAME PATH [flags=RDWR|CREAT] [mode=0644].")
public final class FileCommand {
    static final String USAGE = "file open NAME PATH [flags=RDONLY|WRONLY|RDWR|CREAT|TRUNC|APPEND...] [mode=0644]";

    private final Session session;

    public FileCommand(Session session) {
        this.session = session;
    }

    @Command(name = "open", description = "openat(AT_FDCWD, PATH, flags, mode): " + USAGE
            + "; the fd is $NAME.fd in SQE fields (flags default RDONLY, mode 0644 in octal).")
    void open(@Parameters(arity = "0..*", paramLabel = "NAME PATH OPTION=VALUE") List<String> words) {
        NamedArgs args = NamedArgs.parse("file open", words, List.of("flags", "mode"));
        String name = args.word(0, USAGE);
        String path = args.word(1, USAGE);
        args.noMoreWords(2, USAGE);
        session.resources().checkNewName(name);
        PathSafety.checkOpen(session, path);
        long flags = args.option("flags").map(PipeCommand::openFlags).orElse(OpenFlag.RDONLY.value());
        long mode = args.option("mode").map(FileCommand::mode).orElse(0644L);
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
    private static long mode(Assignment a) {
        String v = a.value();
        if (v.matches("[0-7]{1,4}")) {
            return Long.parseLong(v, 8);
        }
        long mode = NamedArgs.number(a);
        if (mode < 0 || mode > 07777) {
            throw a.error("mode is a permission such as 0644, not " + v);
        }
        return mode;
    }
}
