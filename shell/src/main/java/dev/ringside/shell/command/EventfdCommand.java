package dev.ringside.shell.command;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.sys.FdCalls;
import dev.ringside.tracer.sys.SyscallException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;

/** {@code eventfd NAME}: an eventfd, {@code $NAME.fd} in SQE fields. */
@Command(name = "eventfd", description = {
    "Make an eventfd: eventfd NAME [initial=N] [flags=SEMAPHORE|NONBLOCK]; it is $NAME.fd in SQE fields."})
public final class EventfdCommand implements Runnable {
    static final String USAGE = "eventfd NAME [initial=N] [flags=SEMAPHORE|NONBLOCK]";

    private final Session session;

    @Parameters(arity = "0..*", paramLabel = "NAME [initial=N] [flags=...]")
    List<String> words;

    public EventfdCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        NamedArgs args = NamedArgs.parse("eventfd", words, List.of("initial", "flags"));
        String name = args.word(0, USAGE);
        args.noMoreWords(1, USAGE);
        session.resources().checkNewName(name);
        long initial = args.number("initial", 0);
        if (initial < 0 || initial > 0xffffffffL) {
            throw args.option("initial").orElseThrow().error("initial is an unsigned 32-bit count, not " + initial);
        }
        int flags = 0;
        for (String flag : args.option("flags").map(a -> a.value().split("\\|")).orElse(new String[0])) {
            flags |= switch (flag.trim().toUpperCase(Locale.ROOT).replaceFirst("^EFD_", "")) {
                case "SEMAPHORE" -> FdCalls.EFD_SEMAPHORE;
                case "NONBLOCK" -> FdCalls.EFD_NONBLOCK;
                default -> throw args.option("flags").orElseThrow()
                        .error("eventfd flags are SEMAPHORE and NONBLOCK, not '" + flag + "'");
            };
        }
        int fd;
        try {
            fd = FdCalls.eventfd((int) initial, flags);
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        FdsCommand.opened(session, "eventfd", List.of(initial, (long) flags), "",
                List.of(new FdsCommand.NewFd(name + ".fd", fd, "eventfd " + name)));
    }
}
