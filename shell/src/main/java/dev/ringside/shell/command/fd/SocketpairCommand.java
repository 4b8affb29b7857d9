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

import java.util.List;
import java.util.Map;

/** {@code socketpair NAME}: two connected AF_UNIX sockets, {@code $NAME.0} and {@code $NAME.1}. */
public final class SocketpairCommand implements Declared {
    private static final Map<String, Integer> TYPES = Map.of(
            "stream", FdCalls.SOCK_STREAM, "dgram", FdCalls.SOCK_DGRAM, "seqpacket", FdCalls.SOCK_SEQPACKET);

    private final Session session;

    public SocketpairCommand(Session session) {
        this.session = session;
    }

    static final Syntax SYNTAX = Syntax.of("socketpair", "Make a connected pair of AF_UNIX sockets, $NAME.0 and $NAME.1 in SQE fields.")
            .with(Positional.required("NAME", ValueType.Name.NEW_NAME, "the pair's name in the console"))
            .with(Option.of("type", new ValueType.Words("stream", "dgram", "seqpacket"), "stream", "the socket type"));

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }

    private void run(Args args) {
        String name = args.word(0).orElseThrow();
        String type = args.text("type");
        FdCalls.FdPair pair = FdsCommand.make(session, name, () -> FdCalls.socketpair(TYPES.get(type)));
        FdsCommand.opened(session, "socketpair", List.of((long) FdCalls.AF_UNIX, (long) TYPES.get(type)), "", List.of(
                new FdsCommand.NewFd(name + ".0", pair.first(), type + " socket of pair " + name),
                new FdsCommand.NewFd(name + ".1", pair.second(), type + " socket of pair " + name)));
    }
}
