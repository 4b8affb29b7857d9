package dev.ringside.shell.command.fd;

import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.tracer.sys.TcpCalls;

import java.util.List;

/** {@code tcp NAME}: a connected TCP pair over 127.0.0.1, {@code $NAME.0} (connected) and {@code $NAME.1} (accepted). */
public final class TcpCommand implements Declared {
    private final Session session;

    public TcpCommand(Session session) {
        this.session = session;
    }

    static final Syntax SYNTAX = Syntax.of("tcp",
                    "Make a connected AF_INET stream pair over 127.0.0.1 (for zcrx, which needs TCP): $NAME.0 connected, $NAME.1 accepted.")
            .with(Positional.required("NAME", ValueType.Name.NEW_NAME, "the pair's name in the console"));

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }

    private void run(Args args) {
        String name = args.word(0).orElseThrow();
        TcpCalls.TcpPair pair = FdsCommand.make(session, name, TcpCalls::loopbackPair);
        String where = "TCP 127.0.0.1:" + pair.port();
        FdsCommand.opened(session, "tcp", List.of((long) TcpCalls.AF_INET, (long) dev.ringside.tracer.sys.FdCalls.SOCK_STREAM), "",
                List.of(new FdsCommand.NewFd(name + ".0", pair.connected(), "connected end of " + where),
                        new FdsCommand.NewFd(name + ".1", pair.accepted(), "accepted end of " + where)));
    }
}
