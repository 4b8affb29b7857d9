package dev.ringside.shell.command;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.sys.FdCalls;
import dev.ringside.tracer.sys.SyscallException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code socketpair NAME}: two connected AF_UNIX sockets, {@code $NAME.0} and {@code $NAME.1}. */
@Command(name = "socketpair", description = {
    "Make two connected AF_UNIX sockets: socketpair NAME [type=stream|dgram|seqpacket]; they are $NAME.0 and $NAME.1."})
public final class SocketpairCommand implements Runnable {
    static final String USAGE = "socketpair NAME [type=stream|dgram|seqpacket]";
    private static final Map<String, Integer> TYPES = Map.of(
            "stream", FdCalls.SOCK_STREAM, "dgram", FdCalls.SOCK_DGRAM, "seqpacket", FdCalls.SOCK_SEQPACKET);

    private final Session session;

    @Parameters(arity = "0..*", paramLabel = "NAME [type=...]")
    List<String> words;

    public SocketpairCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        NamedArgs args = NamedArgs.parse("socketpair", words, List.of("type"));
        String name = args.word(0, USAGE);
        args.noMoreWords(1, USAGE);
        session.resources().checkNewName(name);
        String type = args.option("type").map(a -> a.value().toLowerCase(Locale.ROOT)).orElse("stream");
        if (!TYPES.containsKey(type)) {
            throw args.option("type").orElseThrow().error("socket types are stream, dgram and seqpacket, not '" + type + "'");
        }
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
