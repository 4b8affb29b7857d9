package dev.ringside.shell.command;

import dev.ringside.shell.command.bpf.BpfCommand;
import dev.ringside.shell.command.buf.BufCommand;
import dev.ringside.shell.command.caps.CapsCommand;
import dev.ringside.shell.command.caps.ProbeCommand;
import dev.ringside.shell.command.decode.DecodeCommand;
import dev.ringside.shell.command.decode.ProfileCommand;
import dev.ringside.shell.command.expect.ExpectCommand;
import dev.ringside.shell.command.explain.ExplainCommand;
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
import dev.ringside.shell.command.report.ReportCommand;
import dev.ringside.shell.command.ring.RingCommand;
import dev.ringside.shell.command.script.RequireCommand;
import dev.ringside.shell.command.script.SetCommand;
import dev.ringside.shell.command.script.SleepCommand;
import dev.ringside.shell.command.sqe.SqeCommand;
import dev.ringside.shell.command.sqe.SubmitCommand;
import dev.ringside.shell.command.sqe.WaitCommand;
import dev.ringside.shell.command.struct.StructCommand;
import dev.ringside.shell.command.trace.TraceCommand;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.CommandTable;

/** The console's commands: one class per command, each declaring its syntax; one line here registers it. */
public final class Commands {
    private Commands() {
    }

    public static CommandTable build(Session session) {
        CommandTable table = new CommandTable();
        table.add(new RingCommand(session));
        table.add(new SqeCommand(session));
        table.add(new SubmitCommand(session));
        table.add(new WaitCommand(session));
        table.add(new MemCommand(session));
        table.add(new ExpectCommand(session));
        table.add(new HelpCommand(session, table));
        table.add(new BufCommand(session));
        table.add(new StructCommand(session));
        table.add(new PipeCommand(session));
        table.add(new SocketpairCommand(session));
        table.add(new TcpCommand(session));
        table.add(new dev.ringside.shell.command.socket.UdpCommand(session));
        table.add(new dev.ringside.shell.command.socket.SocketCommand(session));
        table.add(new dev.ringside.shell.command.proc.SpawnCommand(session));
        table.add(new dev.ringside.shell.command.thread.ThreadCommand(session));
        table.add(new dev.ringside.shell.command.sys.SysCommand(session));
        table.add(new EventfdCommand(session));
        table.add(new FileCommand(session));
        table.add(new FdsCommand(session));
        table.add(new CloseCommand(session));
        table.add(new CqesCommand(session));
        table.add(new WatchCommand(session));
        table.add(new ProbeCommand(session));
        table.add(new SetCommand(session));
        table.add(new DecodeCommand(session));
        table.add(new ProfileCommand(session));
        table.add(new RequireCommand(session));
        table.add(new CapsCommand(session));
        table.add(new SleepCommand(session));
        table.add(new RecordCommand(session));
        table.add(new ExportCommand(session));
        table.add(new TraceCommand(session));
        table.add(new RegisterCommand(session));
        table.add(new ZcrxCommand(session));
        table.add(new UnregisterCommand(session));
        table.add(new ExplainCommand(session));
        table.add(new ReportCommand(session));
        table.add(new BpfCommand(session));
        table.add(new dev.ringside.shell.command.pbuf.PbufCommand(session));
        return table;
    }
}
