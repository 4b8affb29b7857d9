package dev.ringside.shell.command.socket;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.command.fd.FdsCommand;
import dev.ringside.shell.command.sys.FdWords;
import dev.ringside.shell.command.sys.SysAnswer;
import dev.ringside.shell.session.Resources;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.tracer.sys.FdCalls;
import dev.ringside.tracer.sys.SocketAddress;
import dev.ringside.tracer.sys.SocketCalls;
import dev.ringside.tracer.sys.SyscallException;

import java.util.List;
import java.util.Optional;

/**
 * Sockets step by step, as liburing's tests build them: {@code socket NAME inet stream}, {@code bind $NAME.fd
 * 127.0.0.1:0} (then {@code $NAME.port}), {@code listen}, {@code connect}, {@code accept $s.fd NAME}. Each
 * failure is one line with the errno and its likely cause; {@code expect=} makes the answer an expectation.
 */
public final class SocketCommand implements Declared {
    private final Session session;

    public SocketCommand(Session session) {
        this.session = session;
    }

    static final Option EXPECT = Option.of("expect", new ValueType.Result(),
            "the answer wanted (0 or -ERRNO; expect=-EINPROGRESS,0 one of, expect>=0): a mismatch fails the script as an expect does")
            .comparable();
    static final Positional FD = Positional.required("FD", ValueType.Name.FD, "a console socket ($s.fd)");
    static final Positional ADDRESS = Positional.required("ADDR:PORT", ValueType.Name.TEXT,
            "127.0.0.1:PORT, [::1]:PORT (port 0: the kernel picks) or a unix path (/tmp/s, @abstract)");

    static final Syntax SOCKET = Syntax.of("socket", "socket(2) with SOCK_CLOEXEC: the fd is $NAME.fd.")
            .with(Positional.required("NAME", ValueType.Name.NEW_NAME, "the socket's name in the console"),
                    Positional.required("DOMAIN", new ValueType.Words("inet", "inet6", "unix"), "AF_INET, AF_INET6 or AF_UNIX"),
                    Positional.required("TYPE", new ValueType.Words("stream", "dgram"), "SOCK_STREAM or SOCK_DGRAM"),
                    Positional.optional("nonblock", new ValueType.Words("nonblock"), "SOCK_NONBLOCK"));
    static final Syntax BIND = Syntax.of("bind", "bind(2) a console socket; the port the kernel gave is $NAME.port.")
            .with(FD, ADDRESS).with(EXPECT);
    static final Syntax LISTEN = Syntax.of("listen", "listen(2) on a console socket.")
            .with(FD, Positional.optional("BACKLOG", ValueType.Number.COUNT, "the backlog (default 128)")).with(EXPECT);
    static final Syntax CONNECT = Syntax.of("connect", "connect(2) a console socket (blocking unless made nonblock).")
            .with(FD, ADDRESS).with(EXPECT);
    static final Syntax ACCEPT = Syntax.of("accept", "accept4(2) with SOCK_CLOEXEC on a listening socket: the new fd is $NAME.fd.")
            .with(FD, Positional.required("NAME", ValueType.Name.NEW_NAME, "the accepted socket's name"));

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SOCKET, this::socket), new Verb(BIND, this::bind), new Verb(LISTEN, this::listen),
                new Verb(CONNECT, this::connect), new Verb(ACCEPT, this::accept));
    }

    private void socket(Args args) {
        String name = args.word(0).orElseThrow();
        String domain = (String) args.positionalValues().get(1);
        String type = (String) args.positionalValues().get(2);
        boolean nonblock = args.positionalValues().size() > 3;
        int family = switch (domain) {
            case "inet" -> SocketAddress.AF_INET;
            case "inet6" -> SocketAddress.AF_INET6;
            default -> SocketAddress.AF_UNIX;
        };
        int sockType = type.equals("stream") ? FdCalls.SOCK_STREAM : FdCalls.SOCK_DGRAM;
        int fd = FdsCommand.make(session, name, () -> SocketCalls.socket(family, sockType, nonblock));
        FdsCommand.opened(session, "socket", List.of((long) family, (long) sockType, nonblock ? 1L : 0L), "",
                List.of(new FdsCommand.NewFd(name + ".fd", fd, domain + " " + type + " socket" + (nonblock ? ", nonblocking" : ""))));
    }

    private SocketAddress address(Args args) {
        String text = args.word(1).orElseThrow();
        try {
            return SocketAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConsoleException(e.getMessage(), text);
        }
    }

    private void bind(Args args) {
        Resources.ConsoleFd fd = FdWords.fd(session, args.word(0).orElseThrow());
        SocketAddress address = address(args);
        long result = 0;
        String message = "";
        String detail = "";
        try {
            SocketCalls.bind(fd.fd(), address);
            if (address.family() != SocketAddress.AF_UNIX) {
                int port = SocketCalls.port(fd.fd());
                session.procs().bound(fd.group(), "port", port, fd.name());
                detail = "   ($" + fd.group() + ".port = " + port + ")";
            }
        } catch (SyscallException e) {
            result = e.result();
            message = e.getMessage();
        }
        SysAnswer.answered(session, new SysAnswer.Call("bind", "bind $" + fd.name() + " " + address.text(), List.of(fd.name()),
                List.of((long) address.family(), (long) address.port()), address.text(), address.ip(), ""), result, message,
                args.comparison("expect"), detail);
    }

    private void listen(Args args) {
        Resources.ConsoleFd fd = FdWords.fd(session, args.word(0).orElseThrow());
        long backlog = args.positionalNumber(1).orElse(128L);
        long result = 0;
        String message = "";
        try {
            SocketCalls.listen(fd.fd(), (int) backlog);
        } catch (SyscallException e) {
            result = e.result();
            message = e.getMessage();
        }
        SysAnswer.answered(session, new SysAnswer.Call("listen", "listen $" + fd.name(), List.of(fd.name()), List.of(backlog), "",
                new byte[0], ""), result, message, args.comparison("expect"), "");
    }

    private void connect(Args args) {
        Resources.ConsoleFd fd = FdWords.fd(session, args.word(0).orElseThrow());
        SocketAddress address = address(args);
        long result = 0;
        String message = "";
        try {
            SocketCalls.connect(fd.fd(), address);
        } catch (SyscallException e) {
            result = e.result();
            message = e.getMessage();
        }
        // a port one of our sockets was given: the C program connects to the port its own socket got
        Optional<String> peer = address.family() == SocketAddress.AF_UNIX || address.port() == 0 ? Optional.empty()
                : session.procs().boundTo(address.port());
        SysAnswer.answered(session, new SysAnswer.Call("connect", "connect $" + fd.name() + " " + address.text(),
                        List.of(fd.name(), peer.orElse("")), List.of((long) address.family(), (long) address.port()), address.text(),
                        address.ip(), ""), result, message, args.comparison("expect"), "");
    }

    private void accept(Args args) {
        Resources.ConsoleFd listener = FdWords.fd(session, args.word(0).orElseThrow());
        String name = args.word(1).orElseThrow();
        int fd = FdsCommand.make(session, name, () -> SocketCalls.accept(listener.fd()));
        FdsCommand.opened(session, "accept", List.of(), listener.name(),
                List.of(new FdsCommand.NewFd(name + ".fd", fd, "accepted from $" + listener.name())));
    }
}
