package dev.ringside.shell.export;

import dev.ringside.decoders.flags.Flag;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.shell.session.Resources;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Event.RegisterArg;
import dev.ringside.tracer.journal.Event.RegisterMapping;
import dev.ringside.tracer.journal.Event.RegisterRef;
import dev.ringside.tracer.journal.Event.RegisterSource;
import dev.ringside.tracer.register.Iovecs;
import dev.ringside.tracer.register.RegisterArgument;
import dev.ringside.tracer.register.Structs;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a reproducer needs of one io_uring_register call, as an {@link Event.Registered}, taken in two
 * halves: {@link #before} copies every struct the call passes (the argument and the structs tracer says
 * it points to) while it still holds what the console built, and says which bytes are session addresses
 * or fds, by their session names; {@link Pending#after} adds the answer. (The call itself, bytes in and
 * out, is journaled by tracer as an {@link Event.RegisterCalled}.) An opcode whose argument is not
 * described here is journaled with the reason a reproducer cannot pass the same.
 */
public final class RegisterReproducer {
    private RegisterReproducer() {
    }

    private static final long IOVEC = Iovecs.IOVEC.byteSize();

    /** Register opcodes whose argument holds neither addresses nor fds: its bytes are all a reproducer needs. */
    private static final java.util.Set<String> PLAIN = java.util.Set.of("UNREGISTER_PBUF_RING", "PBUF_STATUS", "ZCRX_CTRL",
            "FILE_ALLOC_RANGE", "PROBE", "IOWQ_MAX_WORKERS", "NAPI", "UNREGISTER_NAPI", "CLOCK", "UNREGISTER_RING_FDS",
            "RESTRICTIONS", "IOWQ_AFF", "RESIZE_RINGS");

    /** The first half of the event; {@link #after} records it. */
    public record Pending(String ring, int opcode, RegisterRef arg, List<RegisterArg> args, int nr,
                          List<RegisterMapping> mappings, String unexported) {
        /** The kernel answered {@code result}; {@code expected} is the call's {@code expect=}, if any. */
        public void after(Session session, long result, OptionalLong expected) {
            List<RegisterMapping> done = mappings.stream().map(m -> provided(session, m, result)).toList();
            session.journal().record(new Event.Registered(session.journal().now(), ring, opcode, arg, args, nr, done,
                    expected, result, unexported));
        }

        /** A buffer ring the kernel accepted was filled by the console: with how many buffers of what size. */
        private RegisterMapping provided(Session session, RegisterMapping m, long result) {
            if (m.pbufEntries() == 0 || result < 0) {
                return m;
            }
            int group = Integer.parseInt(m.name().substring(m.name().lastIndexOf('_') + 1));
            return session.resources().registrations().pbufRing(ring, group)
                    .map(p -> new RegisterMapping(m.name(), m.bytes(), p.entries(), p.bufferSize())).orElse(m);
        }
    }

    /** Reads what the call is about to pass; call it before io_uring_register. */
    public static Pending before(Session session, String ring, RegisterArgument argument) {
        Builder b = new Builder(session, argument);
        int opcode = argument.opcode().number();
        RegisterRef root;
        if (argument.address() == 0) {
            root = new RegisterRef(0, 8, RegisterSource.NULL, "", 0);
        } else {
            Optional<RegisterRef> inBuffer = b.buffer(0, argument.address());
            root = inBuffer.orElseGet(() -> b.struct(opcode, MemorySegment.ofArray(argument.bytes()), argument.nr()));
            if (inBuffer.isPresent() && !PLAIN.contains(b.name(opcode))) {
                // typed in by hand (raw, query, bpf_filter): addresses or fds in it would be the console's
                b.unexported = "the argument of " + b.cName(opcode) + " is session buffer @" + inBuffer.get().name()
                        + ", whose bytes may hold the console's addresses or fds; only structs without either are exported";
            }
        }
        return new Pending(ring, opcode, root, b.args, argument.nr(), b.mappings, b.unexported);
    }

    private static final class Builder {
        private final Session session;
        private final RegisterArgument argument;
        private final List<RegisterArg> args = new ArrayList<>();
        private final List<RegisterMapping> mappings = new ArrayList<>();
        private String unexported = "";

        Builder(Session session, RegisterArgument argument) {
            this.session = session;
            this.argument = argument;
        }

        /** The bytes of the struct the argument points to through {@code field}, as tracer built it. */
        private MemorySegment pointed(String field) {
            return argument.pointed().stream().filter(p -> p.field().equals(field)).findFirst()
                    .map(p -> MemorySegment.ofArray(p.bytes())).orElse(MemorySegment.ofArray(new byte[0]));
        }

        /** The argument struct itself, described by what the opcode's kernel code reads from it. */
        RegisterRef struct(int opcode, MemorySegment arg, int nr) {
            String name = name(opcode);
            if (PLAIN.contains(name)) {
                return add("struct", arg, List.of());
            }
            return switch (name) {
                case "BUFFERS" -> iovecs(arg, nr);
                case "BUFFERS_UPDATE" -> update2(arg, true);
                case "FILES" -> fds(arg, nr);
                case "FILES_UPDATE2" -> update2(arg, false);
                case "EVENTFD", "EVENTFD_ASYNC" -> fds(arg, 1);
                case "PBUF_RING" -> pbufRing(arg);
                case "ZCRX_IFQ" -> zcrxIfq(arg);
                case "RING_FDS" -> ringFds(arg, nr);
                case "BUFFERS2", "FILES2" -> sparse(arg);
                case "CLONE_BUFFERS" -> cloneBuffers(arg);
                default -> {
                    unexported = "the argument of " + cName(opcode)
                            + " is not described for export yet (which of its bytes are addresses or fds)";
                    yield add("bytes", arg, List.of());
                }
            };
        }

        String name(int opcode) {
            return FlagSets.REGISTER_OP.flags().stream().filter(o -> o.value() == Integer.toUnsignedLong(opcode))
                    .map(Flag::name).findFirst().orElse("");
        }

        String cName(int opcode) {
            return dev.ringside.tracer.register.RegisterCall.name(opcode)
                    .orElse("register opcode " + Integer.toUnsignedString(opcode));
        }

        /** io_uring_clone_buffers: src_fd is the source ring's fd, or its registered index with REGISTER_SRC_REGISTERED. */
        private RegisterRef cloneBuffers(MemorySegment clone) {
            GroupLayout layout = UapiLayouts.IO_URING_CLONE_BUFFERS;
            LayoutPaths.Field src = LayoutPaths.field(layout, "src_fd");
            boolean registered = (Structs.get(clone, layout, "flags")
                    & dev.ringside.decoders.flags.CloneBuffersFlag.SRC_REGISTERED.value()) != 0;
            List<RegisterRef> refs = registered ? List.of() : fd((int) src.offset(), (int) src.size(),
                    (int) Structs.get(clone, layout, "src_fd")).stream().toList();
            return add("struct io_uring_clone_buffers", clone, refs);
        }

        private RegisterRef add(String type, MemorySegment struct, List<RegisterRef> refs) {
            args.add(new RegisterArg(type, struct.toArray(ValueLayout.JAVA_BYTE), refs));
            return new RegisterRef(0, 8, RegisterSource.ARG, Integer.toString(args.size() - 1), 0);
        }

        private RegisterRef iovecs(MemorySegment array, long count) {
            List<RegisterRef> refs = new ArrayList<>();
            long base = LayoutPaths.offset(Iovecs.IOVEC, "iov_base");
            for (int i = 0; i < count; i++) {
                long offset = i * IOVEC + base;
                pointer(offset, array.get(ValueLayout.JAVA_LONG_UNALIGNED, offset)).ifPresent(refs::add);
            }
            return add("struct iovec[" + count + "]", array.asSlice(0, count * IOVEC), refs);
        }

        private RegisterRef fds(MemorySegment array, long count) {
            List<RegisterRef> refs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                fd(i * 4, 4, array.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i)).ifPresent(refs::add);
            }
            return add("int[" + count + "]", array.asSlice(0, count * 4), refs);
        }

        /** io_uring_rsrc_update2: data points to nr iovecs or fds; tags must be 0 for ringside. */
        private RegisterRef update2(MemorySegment update, boolean buffers) {
            GroupLayout layout = UapiLayouts.IO_URING_RSRC_UPDATE2;
            long nr = Structs.get(update, layout, "nr");
            RegisterRef pointed = buffers ? iovecs(pointed("data"), nr) : fds(pointed("data"), nr);
            notZero(update, layout, "tags");
            return add("struct io_uring_rsrc_update2", update, List.of(field(layout, "data", pointed)));
        }

        private RegisterRef pbufRing(MemorySegment reg) {
            GroupLayout layout = UapiLayouts.IO_URING_BUF_REG;
            long group = Structs.get(reg, layout, "bgid");
            long entries = Structs.get(reg, layout, "ring_entries");
            String name = "pbuf_group_" + group;
            // the buffer size is known once the console provided the buffers (after a call the kernel accepted)
            mappings.add(new RegisterMapping(name, entries * UapiLayouts.IO_URING_BUF.byteSize(), (int) entries, 0));
            if (Structs.get(reg, layout, "ring_addr") == 0) {
                // IOU_PBUF_RING_MMAP: no address to put back, the C program maps the kernel's ring after the call
                return add("struct io_uring_buf_reg", reg, List.of());
            }
            return add("struct io_uring_buf_reg", reg, List.of(mapped(layout, "ring_addr", name)));
        }

        /** io_uring_zcrx_ifq_reg: area_ptr to an area (addr: memory ringside mapped), region_ptr to the refill queue's region. */
        private RegisterRef zcrxIfq(MemorySegment reg) {
            GroupLayout layout = UapiLayouts.IO_URING_ZCRX_IFQ_REG;
            GroupLayout areaLayout = UapiLayouts.IO_URING_ZCRX_AREA_REG;
            GroupLayout descLayout = UapiLayouts.IO_URING_REGION_DESC;
            List<RegisterRef> refs = new ArrayList<>();
            if (Structs.get(reg, layout, "area_ptr") != 0) {
                MemorySegment area = pointed("area_ptr");
                refs.add(field(layout, "area_ptr", add("struct io_uring_zcrx_area_reg", area,
                        List.of(inBufferOrMapped(area, areaLayout, "addr", "zcrx_area", Structs.get(area, areaLayout, "len"))))));
            }
            if (Structs.get(reg, layout, "region_ptr") != 0) {
                MemorySegment desc = pointed("region_ptr");
                refs.add(field(layout, "region_ptr", add("struct io_uring_region_desc", desc,
                        List.of(inBufferOrMapped(desc, descLayout, "user_addr", "zcrx_rq", Structs.get(desc, descLayout, "size"))))));
            }
            if ((Structs.get(reg, layout, "flags") & dev.ringside.decoders.flags.ZcrxRegFlag.IMPORT.value()) != 0) {
                // ZCRX_REG_IMPORT: if_idx is the fd ZCRX_CTRL_EXPORT returned, the program's own
                LayoutPaths.Field ifIdx = LayoutPaths.field(layout, "if_idx");
                fd((int) ifIdx.offset(), (int) ifIdx.size(), (int) Structs.get(reg, layout, "if_idx")).ifPresent(refs::add);
            }
            if (Structs.get(reg, layout, "event_desc") != 0) {
                // zcrx_event_desc (7.2) holds no address or fd: its bytes as they are
                refs.add(field(layout, "event_desc", add("struct zcrx_event_desc", pointed("event_desc"), List.of())));
            }
            return add("struct io_uring_zcrx_ifq_reg", reg, refs);
        }

        /** An address field in a session buffer (zcrx register's area and refill queue), else memory the register kind mapped. */
        private RegisterRef inBufferOrMapped(MemorySegment struct, GroupLayout layout, String field, String mapping, long bytes) {
            LayoutPaths.Field f = LayoutPaths.field(layout, field);
            Optional<RegisterRef> inBuffer = buffer(f.offset(), Structs.get(struct, layout, field));
            if (inBuffer.isPresent()) {
                return inBuffer.get();
            }
            mappings.add(new RegisterMapping(mapping, bytes, 0, 0));
            return mapped(layout, field, mapping);
        }

        /** io_uring_rsrc_update[nr]: data holds a ring fd (or any fd) to register. */
        private RegisterRef ringFds(MemorySegment updates, long nr) {
            GroupLayout layout = UapiLayouts.IO_URING_RSRC_UPDATE;
            LayoutPaths.Field data = LayoutPaths.field(layout, "data");
            List<RegisterRef> refs = new ArrayList<>();
            for (int i = 0; i < nr; i++) {
                MemorySegment u = Structs.element(updates, layout, i);
                fd((int) (i * layout.byteSize() + data.offset()), (int) data.size(), (int) Structs.get(u, layout, "data"))
                        .ifPresent(refs::add);
            }
            return add("struct io_uring_rsrc_update[" + nr + "]", updates.asSlice(0, nr * layout.byteSize()), refs);
        }

        /** io_uring_rsrc_register with sparse=N: no data, no tags. */
        private RegisterRef sparse(MemorySegment reg) {
            GroupLayout layout = UapiLayouts.IO_URING_RSRC_REGISTER;
            notZero(reg, layout, "data");
            notZero(reg, layout, "tags");
            return add("struct io_uring_rsrc_register", reg, List.of());
        }

        private void notZero(MemorySegment struct, GroupLayout layout, String field) {
            if (Structs.get(struct, layout, field) != 0 && unexported.isEmpty()) {
                unexported = layout.name().orElse("a struct") + "." + field + " points to memory not described for export";
            }
        }

        private static RegisterRef field(GroupLayout layout, String field, RegisterRef pointed) {
            LayoutPaths.Field f = LayoutPaths.field(layout, field);
            return new RegisterRef((int) f.offset(), (int) f.size(), pointed.source(), pointed.name(), pointed.delta());
        }

        private static RegisterRef mapped(GroupLayout layout, String field, String mapping) {
            LayoutPaths.Field f = LayoutPaths.field(layout, field);
            return new RegisterRef((int) f.offset(), (int) f.size(), RegisterSource.MAPPED, mapping, 0);
        }

        /** An address in a session buffer; 0 stays 0; anything else cannot be reproduced. */
        private Optional<RegisterRef> pointer(long offset, long address) {
            if (address == 0) {
                return Optional.empty();
            }
            Optional<RegisterRef> ref = buffer(offset, address);
            if (ref.isEmpty() && unexported.isEmpty()) {
                unexported = "address 0x" + Long.toHexString(address) + " is in no session buffer";
            }
            return ref;
        }

        Optional<RegisterRef> buffer(long offset, long address) {
            return session.resources().buffers().all().stream()
                    .filter(b -> !b.isFreed() && address >= b.address(0) && address - b.address(0) < Math.max(1, b.size()))
                    .map(b -> new RegisterRef((int) offset, 8, RegisterSource.BUFFER, b.name(), address - b.address(0)))
                    .findFirst();
        }

        /** A console fd or a ring's fd by the name the session gave it; -1 and other numbers stay as they are. */
        private Optional<RegisterRef> fd(int offset, int size, int fd) {
            if (fd < 0) {
                return Optional.empty();
            }
            Optional<Resources.ConsoleFd> console = session.resources().fds().stream().filter(f -> f.fd() == fd).findFirst();
            if (console.isPresent()) {
                return Optional.of(new RegisterRef(offset, size, RegisterSource.CONSOLE_FD, console.get().name(), 0));
            }
            return session.rings().entrySet().stream().filter(e -> e.getValue().ring().fd() == fd).findFirst()
                    .map(e -> new RegisterRef(offset, size, RegisterSource.RING_FD, e.getKey(), 0));
        }
    }
}
