package dev.ringside.shell.command.fd;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.tracer.sys.FdCalls;
import dev.ringside.tracer.sys.SyscallException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

/** {@code socketpair NAME}: two connected AF_UNIX sockets, {@code $NAME.0} and {@code $NAME.1}. */
@Command(name = "socketpair", description = {
    "Make two connected AF_UNIX sockets: socketpair NAME [type=stream|dgram|seqpacket]; they are $NAME.0 and $NAME.1."})
public final class SocketpairCommand implements Runnable, Declared {
    static final String USAGE = "socketpair NAME [type=stream|dgram|seqpacket]";
    private static final Map<String, Integer> TYPES = Map.of(
            "stream", FdCalls.SOCK_STREAM, "dgram", FdCalls.SOCK_DGRAM, "seqpacket", FdCalls.SOCK_SEQPACKET);

    private final Session session;

    @Parameters(arity = "0..*", paramLabel = "NAME [type=...]")
    List<String> words;

    public SocketpairCommand(Session session) {
        this.session = session;
    }

    static final Syntax SYNTAX = Syntax.of("socketpair", "Make a connected pair of AF_UNIX sockets, $NAME.0 and $NAME.1 in SQE fields.")
            .with(Positional.required("NAME", ValueType.Name.NEW_NAME, "the pair's name in the console"))
            .with(Option.of("type", new ValueType.Words("stream", "dgram", "seqpacket"), "stream", "the socket type"));

    @Override
    public List<Syntax> syntaxes() {
        return List.of(SYNTAX);
    }

    @Override
    public void run() {
        Args args = SYNTAX.parse(words, session);
        String name = args.word(0).orElseThrow();
        session.resources().checkNewName(name);
        String type = args.text("type");
        FdCalls.FdPair pair;
        try {
            pair = FdCalls.socketpair(TYPES.get(type));
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        FdsCommand.opened(session, "socketpair", List.of((long) FdCalls.AF_UNIX, (long) TYPES.get(type)), "", List.of(
                new FdsCommand.NewFd(name + ".0", pair.first(), type + " socket of pair " + name),
                new FdsCommand.NewFd(name + ".1", pair.second(), type + " socket of pair " + name)));
    }
}
