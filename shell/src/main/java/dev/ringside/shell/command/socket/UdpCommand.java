package dev.ringside.shell.command.socket;

import dev.ringside.shell.command.fd.FdsCommand;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.tracer.sys.SocketCalls;

import java.util.List;

/** {@code udp NAME}: two UDP sockets on 127.0.0.1 connected to each other, {@code $NAME.0} and {@code $NAME.1}. */
public final class UdpCommand implements Declared {
    private final Session session;

    public UdpCommand(Session session) {
        this.session = session;
    }

    static final Syntax SYNTAX = Syntax.of("udp",
                    "Make a connected AF_INET datagram pair over 127.0.0.1: $NAME.0 and $NAME.1, each bound to a port the kernel"
                            + " picked ($NAME.port0, $NAME.port1) and connected to the other's.")
            .with(Positional.required("NAME", ValueType.Name.NEW_NAME, "the pair's name in the console"));

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }

    private void run(Args args) {
        String name = args.word(0).orElseThrow();
        SocketCalls.UdpPair pair = FdsCommand.make(session, name, SocketCalls::udpPair);
        FdsCommand.opened(session, "udp", List.of(), "", List.of(
                new FdsCommand.NewFd(name + ".0", pair.first(), "UDP 127.0.0.1:" + pair.firstPort() + " -> :" + pair.secondPort()),
                new FdsCommand.NewFd(name + ".1", pair.second(), "UDP 127.0.0.1:" + pair.secondPort() + " -> :" + pair.firstPort())));
        session.procs().bound(name, "port0", pair.firstPort(), name + ".0");
        session.procs().bound(name, "port1", pair.secondPort(), name + ".1");
    }
}
