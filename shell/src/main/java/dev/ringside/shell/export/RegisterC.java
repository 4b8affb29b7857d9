package dev.ringside.shell.export;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Event.RegisterArg;
import dev.ringside.tracer.journal.Event.RegisterMapping;
import dev.ringside.tracer.journal.Event.RegisterRef;
import dev.ringside.tracer.register.RegisterCall;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An io_uring_register call in C: each struct it passed as a byte array with the same bytes, the
 * session's addresses and fds put back where the journal says they were (buffers, console fds, ring
 * fds, the other structs, memory mapped for the registration), the same raw syscall, its result
 * printed, {@code expect=} checked; a buffer ring the kernel accepted gets its buffers and tail as
 * the console gave them.
 */
final class RegisterC {
    private final CConstants constants;
    private final ResourcesC resources;

    RegisterC(CConstants constants, ResourcesC resources) {
        this.constants = constants;
        this.resources = resources;
    }

    /** The block's statements; {@code ring} names a ring's C expression ({@code &rings[0]}), {@code line} is the console line. */
    List<String> statements(Event.Registered r, String line, Function<String, String> ring) {
        if (!r.unexported().isEmpty()) {
            throw new ConsoleException("export c: cannot reproduce '" + line + "' in C yet: " + r.unexported());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.args().size(); i++) {
            RegisterArg a = r.args().get(i);
            out.add("/* " + a.type() + " */");
            out.add("static unsigned char arg" + i + "[" + Math.max(1, a.bytes().length) + "] __attribute__((aligned(8))) = { "
                    + bytes(a.bytes()) + " };");
        }
        boolean kernelRing = kernelAllocatedPbufRing(r);
        for (RegisterMapping m : r.mappings()) {
            // IOU_PBUF_RING_MMAP: the kernel allocates the ring; it is mapped from the ring fd once registered
            if (kernelRing && m.pbufEntries() > 0) {
                // a refused one (pbufSize 0) is never mapped: no variable for it
                if (m.pbufSize() > 0) {
                    out.add("unsigned char *" + m.name() + " = NULL;");
                }
                continue;
            }
            out.add("unsigned char *" + m.name() + " = map_anon(" + CExporter.cString(m.name()) + ", " + m.bytes() + ");");
        }
        for (int i = 0; i < r.args().size(); i++) {
            for (RegisterRef ref : r.args().get(i).refs()) {
                out.add("put_le(arg" + i + ", " + ref.offset() + ", " + ref.size() + ", " + value(ref, ring) + ");");
            }
        }
        String name = RegisterCall.name(r.opcode()).orElse("");
        String op = Integer.toUnsignedString(r.opcode()) + "U";
        if (!name.isEmpty()) {
            constants.use(name, CConstants.lookup(name));
            op = name;
        }
        String arg = switch (r.arg().source()) {
            case NULL -> "NULL";
            default -> "(void *) " + value(r.arg(), ring);
        };
        String expect = r.expected().isPresent() ? "1, " + r.expected().getAsLong() + "L" : "0, 0L";
        boolean provides = r.mappings().stream().anyMatch(m -> m.pbufSize() > 0);
        boolean exports = zcrxExport(r);
        out.add((provides || exports ? "long res = " : "") + "register_call(" + ring.apply(r.ring()) + ", " + CExporter.cString(line) + ", "
                + CExporter.cString(name.isEmpty() ? "register opcode " + op : name) + ", " + op + ", " + arg + ", "
                + Integer.toUnsignedString(r.nr()) + "U, " + expect + ");");
        if (exports) {
            if (resources.globals.stream().noneMatch(g -> g.contains(" " + ResourcesC.ZCRX_EXPORT_FD + " "))) {
                resources.globals.add("static int " + ResourcesC.ZCRX_EXPORT_FD + " = -1;");
            }
            out.add("if (res >= 0)");
            out.add("\tmemcpy(&" + ResourcesC.ZCRX_EXPORT_FD + ", arg0 + " + LayoutPaths.offset(UapiLayouts.ZCRX_CTRL, "zc_export.zcrx_fd")
                    + ", sizeof(int));");
        }
        for (RegisterMapping m : r.mappings()) {
            if (m.pbufSize() > 0) {
                String group = m.name().substring(m.name().lastIndexOf('_') + 1);
                if (kernelRing) {
                    out.add("if (res >= 0)");
                    out.add("\t" + m.name() + " = pbuf_map_kernel(" + ring.apply(r.ring()) + ", " + group + ", " + m.bytes() + ", 0x"
                            + Long.toHexString(dev.ringside.tracer.register.PbufRing.mmapOffset(Integer.parseInt(group))) + "ULL);");
                }
                out.add("if (res >= 0)");
                out.add("\tpbuf_provide_all(" + ring.apply(r.ring()) + ", " + group + ", " + m.name() + ", " + m.pbufEntries() + ", "
                        + m.pbufSize() + ", " + pbufLayout() + ");");
            }
        }
        return out;
    }

    /** IORING_REGISTER_PBUF_RING with IOU_PBUF_RING_MMAP: ring_addr stays 0, the ring is the kernel's. */
    private static boolean kernelAllocatedPbufRing(Event.Registered r) {
        if (r.opcode() != (int) dev.ringside.decoders.flags.RegisterOp.PBUF_RING.value() || r.args().isEmpty()) {
            return false;
        }
        java.lang.foreign.MemorySegment reg = java.lang.foreign.MemorySegment.ofArray(r.args().getFirst().bytes());
        return reg.byteSize() >= UapiLayouts.IO_URING_BUF_REG.byteSize()
                && (dev.ringside.tracer.register.Structs.get(reg, UapiLayouts.IO_URING_BUF_REG, "flags")
                & dev.ringside.decoders.flags.FlagSets.PBUF_RING.parse("MMAP")) != 0;
    }

    /** pbuf add: the same bids, length and group, written at the C program's own tail (liburing's add and advance). */
    static List<String> pbufReadd(Event.PbufAdded added, Function<String, String> ring) {
        StringBuilder bids = new StringBuilder();
        for (int bid : added.bids()) {
            bids.append(bids.isEmpty() ? "" : ", ").append(bid);
        }
        return List.of("static const unsigned short bids[] = { " + bids + " };",
                "pbuf_readd(" + ring.apply(added.ring()) + ", " + added.group() + ", bids, " + added.bids().size() + ", "
                        + Integer.toUnsignedString(added.len()) + ");");
    }

    /** IORING_REGISTER_ZCRX_CTRL with op ZCRX_CTRL_EXPORT: the kernel writes the new fd into the struct. */
    private static boolean zcrxExport(Event.Registered r) {
        if (r.opcode() != (int) dev.ringside.decoders.flags.RegisterOp.ZCRX_CTRL.value() || r.args().isEmpty()) {
            return false;
        }
        byte[] ctrl = r.args().getFirst().bytes();
        long op = LayoutPaths.offset(UapiLayouts.ZCRX_CTRL, "op");
        return ctrl.length >= op + 4 && java.nio.ByteBuffer.wrap(ctrl, (int) op, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt()
                == dev.ringside.decoders.flags.FlagSets.ZCRX_CTRL_OP.parse("EXPORT");
    }

    /** The io_uring_buf entry size and the offsets of addr, len, bid and the ring's tail, from the decoders layouts. */
    private static String pbufLayout() {
        var buf = UapiLayouts.IO_URING_BUF;
        return buf.byteSize() + ", " + LayoutPaths.offset(buf, "addr") + ", " + LayoutPaths.offset(buf, "len") + ", "
                + LayoutPaths.offset(buf, "bid") + ", " + LayoutPaths.offset(UapiLayouts.IO_URING_BUF_RING, "tail");
    }

    private String value(RegisterRef ref, Function<String, String> ring) {
        String delta = ref.delta() == 0 ? "" : " + " + ref.delta();
        return switch (ref.source()) {
            case NULL -> "0";
            case ARG -> "(unsigned long) arg" + ref.name();
            case BUFFER -> resources.address(ref.name(), ref.delta());
            case MAPPED -> "(unsigned long) (" + ref.name() + delta + ")";
            case CONSOLE_FD -> resources.fdNamed(ref.name()).orElseThrow(() -> new ConsoleException(
                    "export c: fd '" + ref.name() + "' was opened before the journal began"));
            case RING_FD -> "(" + ring.apply(ref.name()) + ")->fd";
        };
    }

    private static String bytes(byte[] bytes) {
        if (bytes.length == 0) {
            return "0";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            out.append(i == 0 ? "" : ", ").append(String.format("0x%02x", bytes[i] & 0xff));
        }
        return out.toString();
    }
}
