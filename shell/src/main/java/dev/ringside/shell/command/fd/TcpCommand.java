package dev.ringside.shell.command.fd;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.TcpCalls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code tcp NAME}: a connected TCP pair over 127.0.0.1, {@code $NAME.0} (connected) and {@code $NAME.1} (accepted). */
@Command(name = "tcp", description = {
    "Make a connected TCP pair over 127.0.0.1: tcp NAME; $NAME.0 is the client's end, $NAME.1 the accepted one."})
public final class TcpCommand implements Runnable, Declared {
    private final Session session;

    @Parameters(arity = "0..*", paramLabel = "NAME")
    List<String> words;

    public TcpCommand(Session session) {
        this.session = session;
    }

    static final Syntax SYNTAX = Syntax.of("tcp",
                    "Make a connected AF_INET stream pair over 127.0.0.1 (for zcrx, which needs TCP): $NAME.0 connected, $NAME.1 accepted.")
            .with(Positional.required("NAME", ValueType.Name.NEW_NAME, "the pair's name in the console"));

    @Override
    public List<Syntax> syntaxes() {
        return List.of(SYNTAX);
    }

    @Override
    public void run() {
        Args args = SYNTAX.parse(words, session);
        String name = args.word(0).orElseThrow();
        session.resources().checkNewName(name);
        TcpCalls.TcpPair pair;
        try {
            pair = TcpCalls.loopbackPair();
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        String where = "TCP 127.0.0.1:" + pair.port();
        FdsCommand.opened(session, "tcp", List.of((long) TcpCalls.AF_INET, (long) dev.ringside.tracer.sys.FdCalls.SOCK_STREAM), "",
                List.of(new FdsCommand.NewFd(name + ".0", pair.connected(), "connected end of " + where),
                        new FdsCommand.NewFd(name + ".1", pair.accepted(), "accepted end of " + where)));
    }
}
