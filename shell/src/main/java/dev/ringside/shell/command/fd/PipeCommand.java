package dev.ringside.shell.command.fd;

import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.tracer.sys.FdCalls;
import dev.ringside.tracer.sys.OpenFlag;

import java.util.List;

/** {@code pipe NAME}: a pipe whose ends SQEs name as {@code $NAME.r} and {@code $NAME.w}. */
public final class PipeCommand implements Declared {

    private final Session session;

    public PipeCommand(Session session) {
        this.session = session;
    }

    static final Syntax SYNTAX = Syntax.of("pipe", "Make a pipe; its ends are $NAME.r and $NAME.w in SQE fields (fd=$NAME.w).")
            .with(Positional.required("NAME", ValueType.Name.NEW_NAME, "the pipe's name in the console"))
            .with(Option.of("flags", new ValueType.FlagsOf(OpenFlag.SET), "pipe2 O_* flags: NONBLOCK, DIRECT, CLOEXEC"));

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }

    private void run(Args args) {
        String name = args.word(0).orElseThrow();
        long flags = args.optionalNumber("flags").orElse(0L);
        FdCalls.FdPair pipe = FdsCommand.make(session, name, () -> FdCalls.pipe((int) flags));
        FdsCommand.opened(session, "pipe2", List.of(flags), "", List.of(
                new FdsCommand.NewFd(name + ".r", pipe.first(), "read end of pipe " + name),
                new FdsCommand.NewFd(name + ".w", pipe.second(), "write end of pipe " + name)));
    }
}
