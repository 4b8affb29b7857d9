package dev.ringside.shell.command;

import dev.ringside.shell.session.Session;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The console's command tree: one class per command, help and completion read from the same annotations. */
@Command(name = "ringside", description = "io_uring console")
public final class Commands {
    private Commands() {
    }

    public static CommandLine build(Session session) {
        CommandLine root = new CommandLine(new Commands());
        root.addSubcommand("ring", new CommandLine(new RingCommand(session)));
        root.addSubcommand("sqe", new CommandLine(new SqeCommand(session)));
        root.addSubcommand("submit", new CommandLine(new SubmitCommand(session)));
        root.addSubcommand("wait", new CommandLine(new WaitCommand(session)));
        root.addSubcommand("mem", new CommandLine(new MemCommand(session)));
        root.addSubcommand("expect", new CommandLine(new ExpectCommand(session)));
        root.addSubcommand("help", new CommandLine(new HelpCommand(session)));
        root.addSubcommand("decode", new CommandLine(new DecodeCommand(session)));
        root.addSubcommand("profile", new CommandLine(new ProfileCommand(session)));
        return root;
    }
}
