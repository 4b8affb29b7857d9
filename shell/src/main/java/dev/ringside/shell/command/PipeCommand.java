package dev.ringside.shell.command;

import dev.ringside.decoders.values.ValueException;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.sys.FdCalls;
import dev.ringside.tracer.sys.OpenFlag;
import dev.ringside.tracer.sys.SyscallException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code pipe NAME}: a pipe whose ends SQEs name as {@code $NAME.r} and {@code $NAME.w}. */
@Command(name = "pipe", description = {
    "Make a pipe: pipe NAME [flags=NONBLOCK|DIRECT]; its ends are $NAME.r and $NAME.w in SQE fields (fd=$NAME.w)."})
public final class PipeCommand implements Runnable {
    static final String USAGE = "pipe NAME [flags=NONBLOCK|DIRECT]";

    private final Session session;

    @Parameters(arity = "0..*", paramLabel = "NAME [flags=...]")
    List<String> words;

    public PipeCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        NamedArgs args = NamedArgs.parse("pipe", words, List.of("flags"));
        String name = args.word(0, USAGE);
        args.noMoreWords(1, USAGE);
        session.resources().checkNewName(name);
        long flags = args.option("flags").map(PipeCommand::openFlags).orElse(0L);
        FdCalls.FdPair pipe;
        try {
            pipe = FdCalls.pipe((int) flags);
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        FdsCommand.opened(session, "pipe2", List.of(flags), "", List.of(
                new FdsCommand.NewFd(name + ".r", pipe.first(), "read end of pipe " + name),
                new FdsCommand.NewFd(name + ".w", pipe.second(), "write end of pipe " + name)));
    }

    /** O_* flags by name ({@code RDWR|CREAT}, with or without the O_ prefix) or number. */
    static long openFlags(Assignment a) {
        try {
            return OpenFlag.SET.parse(a.value());
        } catch (ValueException e) {
            throw a.error(e.getMessage());
        }
    }
}
