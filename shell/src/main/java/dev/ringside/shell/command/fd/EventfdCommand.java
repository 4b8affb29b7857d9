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
import java.util.Locale;

/** {@code eventfd NAME}: an eventfd, {@code $NAME.fd} in SQE fields. */
public final class EventfdCommand implements Declared {

    private final Session session;

    public EventfdCommand(Session session) {
        this.session = session;
    }

    static final Syntax SYNTAX = Syntax.of("eventfd", "Make an eventfd, $NAME.fd in SQE fields.")
            .with(Positional.required("NAME", ValueType.Name.NEW_NAME, "the eventfd's name in the console"))
            .with(Option.of("initial", new ValueType.Number(0, 0xffffffffL), "0", "the counter's first value (unsigned 32-bit)"),
                    Option.of("flags", ValueType.Name.TEXT, "EFD_SEMAPHORE, EFD_NONBLOCK or both (A|B)")
                            .completing((s, typed) -> List.of("SEMAPHORE", "NONBLOCK")));

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }

    private void run(Args args) {
        String name = args.word(0).orElseThrow();
        long initial = args.number("initial");
        int flags = 0;
        for (String flag : args.optionalText("flags").map(a -> a.split("\\|")).orElse(new String[0])) {
            flags |= switch (flag.trim().toUpperCase(Locale.ROOT).replaceFirst("^EFD_", "")) {
                case "SEMAPHORE" -> FdCalls.EFD_SEMAPHORE;
                case "NONBLOCK" -> FdCalls.EFD_NONBLOCK;
                default -> throw args.error("flags", "eventfd flags are SEMAPHORE and NONBLOCK, not '" + flag + "'");
            };
        }
        int chosen = flags;
        int fd = FdsCommand.make(session, name, () -> FdCalls.eventfd((int) initial, chosen));
        FdsCommand.opened(session, "eventfd", List.of(initial, (long) flags), "",
                List.of(new FdsCommand.NewFd(name + ".fd", fd, "eventfd " + name)));
    }
}
