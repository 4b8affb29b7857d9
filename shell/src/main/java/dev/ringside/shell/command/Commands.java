package dev.ringside.shell.command;

import dev.ringside.shell.command.buf.BufCommand;
import dev.ringside.shell.command.caps.CapsCommand;
import dev.ringside.shell.command.caps.ProbeCommand;
import dev.ringside.shell.command.decode.DecodeCommand;
import dev.ringside.shell.command.decode.ProfileCommand;
import dev.ringside.shell.command.expect.ExpectCommand;
import dev.ringside.shell.command.export.ExportCommand;
import dev.ringside.shell.command.export.RecordCommand;
import dev.ringside.shell.command.fd.CloseCommand;
import dev.ringside.shell.command.fd.EventfdCommand;
import dev.ringside.shell.command.fd.FdsCommand;
import dev.ringside.shell.command.fd.FileCommand;
import dev.ringside.shell.command.fd.PipeCommand;
import dev.ringside.shell.command.fd.SocketpairCommand;
import dev.ringside.shell.command.fd.TcpCommand;
import dev.ringside.shell.command.zcrx.ZcrxCommand;
import dev.ringside.shell.command.help.HelpCommand;
import dev.ringside.shell.command.mem.CqesCommand;
import dev.ringside.shell.command.mem.MemCommand;
import dev.ringside.shell.command.mem.WatchCommand;
import dev.ringside.shell.command.register.RegisterCommand;
import dev.ringside.shell.command.register.UnregisterCommand;
import dev.ringside.shell.command.ring.RingCommand;
import dev.ringside.shell.command.script.RequireCommand;
import dev.ringside.shell.command.script.SetCommand;
import dev.ringside.shell.command.script.SleepCommand;
import dev.ringside.shell.command.sqe.SqeCommand;
import dev.ringside.shell.command.sqe.SubmitCommand;
import dev.ringside.shell.command.sqe.WaitCommand;
import dev.ringside.shell.command.trace.TraceCommand;
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
        root.addSubcommand("buf", new CommandLine(new BufCommand(session)));
        root.addSubcommand("pipe", new CommandLine(new PipeCommand(session)));
        root.addSubcommand("socketpair", new CommandLine(new SocketpairCommand(session)));
        root.addSubcommand("tcp", new CommandLine(new TcpCommand(session)));
        root.addSubcommand("eventfd", new CommandLine(new EventfdCommand(session)));
        root.addSubcommand("file", new CommandLine(new FileCommand(session)));
        root.addSubcommand("fds", new CommandLine(new FdsCommand(session)));
        root.addSubcommand("close", new CommandLine(new CloseCommand(session)));
        root.addSubcommand("cqes", new CommandLine(new CqesCommand(session)));
        root.addSubcommand("watch", new CommandLine(new WatchCommand(session)));
        root.addSubcommand("probe", new CommandLine(new ProbeCommand(session)));
        root.addSubcommand("set", new CommandLine(new SetCommand(session)));
        root.addSubcommand("decode", new CommandLine(new DecodeCommand(session)));
        root.addSubcommand("profile", new CommandLine(new ProfileCommand(session)));
        root.addSubcommand("require", new CommandLine(new RequireCommand(session)));
        root.addSubcommand("caps", new CommandLine(new CapsCommand(session)));
        root.addSubcommand("sleep", new CommandLine(new SleepCommand(session)));
        root.addSubcommand("record", new CommandLine(new RecordCommand(session)));
        root.addSubcommand("export", new CommandLine(new ExportCommand(session)));
        root.addSubcommand("trace", new CommandLine(new TraceCommand(session)));
        root.addSubcommand("register", new CommandLine(new RegisterCommand(session)));
        root.addSubcommand("zcrx", new CommandLine(new ZcrxCommand(session)));
        root.addSubcommand("unregister", new CommandLine(new UnregisterCommand(session)));
        return root;
    }
}
