package dev.ringside.shell.session;

import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.FieldValue;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.memory.BufferException;
import dev.ringside.tracer.memory.Buffers;
import dev.ringside.tracer.memory.SessionBuffer;
import dev.ringside.tracer.register.Registrations;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the session made for SQEs to work on: named buffers ({@code @buf}) and file descriptors
 * ({@code $pipe.r}). Asks the rings' ledgers whether a request still uses a buffer, so a buffer the
 * kernel may still write is never freed. Closing it closes every fd and frees every buffer.
 */
public final class Resources implements AutoCloseable {
    /** Names of buffers and fd groups: what scripts can write after @ or $ (as variables are named). */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** {@code $pipe.r}: an fd by its dotted name; plain {@code $NAME} is a script variable. */
    private static final Pattern FD_REFERENCE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z0-9_]+)");
    /** {@code @buf.len}: a buffer's size, for a length field. */
    private static final Pattern LENGTH_REFERENCE = Pattern.compile("@([A-Za-z_][A-Za-z0-9_]*)\\.len");

    /** A file descriptor the console opened, under a dotted name such as {@code p.r}. */
    public record ConsoleFd(String name, int fd, String what) {
        /** The group it was made in: {@code p} for {@code p.r}. */
        public String group() {
            return name.substring(0, name.indexOf('.'));
        }
    }

    /**
     * What keeps a buffer allocated: a request in flight, or provided buffers the kernel holds.
     *
     * @param describe {@code READ user_data=7 on ring r0}
     * @param state    {@code not completed yet}
     * @param remedy   what frees it: {@code wait for its CQE (or close the ring) before freeing it}
     */
    public record Holder(String describe, String state, String remedy) {
    }

    private final Buffers buffers;
    private final Map<String, ConsoleFd> fds = new LinkedHashMap<>();
    /** Asks every ring's ledger who holds a buffer (set by the session, which owns the rings). */
    private Function<String, Optional<Holder>> holders = name -> Optional.empty();
    private final List<Pin> pins = new ArrayList<>();
    private final Registrations registrations;
    private final dev.ringside.tracer.register.ZcrxQueues zcrx = new dev.ringside.tracer.register.ZcrxQueues();

    /** The session's resources; their mmaps and munmaps go in {@code journal}. */
    public Resources(dev.ringside.tracer.journal.Journal journal) {
        buffers = new Buffers(journal);
        registrations = new Registrations(journal);
    }

    /** A buffer registered with a ring (a fixed buffer): the kernel pinned its pages and may write them. */
    public record Pin(String ring, String buffer, String why) {
    }

    /** Memory mapped for registrations (buffer rings, regions), unmapped once its ring is closed. */
    public Registrations registrations() {
        return registrations;
    }

    /** The zcrx interface queues registered on the session's rings (zcrx register). */
    public dev.ringside.tracer.register.ZcrxQueues zcrx() {
        return zcrx;
    }

    /** The buffer stays allocated until {@link #unpin} or its ring closes. */
    public void pin(String ring, String buffer, String why) {
        pins.add(new Pin(ring, buffer, why));
    }

    /** The ring unregistered its fixed buffers. */
    public void unpin(String ring) {
        pins.removeIf(p -> p.ring().equals(ring));
    }

    public List<Pin> pins() {
        return List.copyOf(pins);
    }

    public Buffers buffers() {
        return buffers;
    }

    /** Where {@link #userOf} looks: the ledgers of the session's rings. */
    public void holders(Function<String, Optional<Holder>> lookup) {
        holders = lookup;
    }

    // ---- names

    /** Refuses a name scripts could not refer to, or one already taken by a buffer or an fd group. */
    public void checkNewName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ConsoleException("'" + name + "' is not a resource name: use letters, digits and _, "
                    + "not starting with a digit", name);
        }
        if (buffers.find(name).isPresent()) {
            throw new ConsoleException("'" + name + "' is taken by a buffer: 'buf free " + name + "' frees it, 'buf list' lists them", name);
        }
        if (fds.values().stream().anyMatch(f -> f.group().equals(name))) {
            throw new ConsoleException("'" + name + "' is taken by open fds: 'close " + name + "' closes them, 'fds' lists them", name);
        }
    }

    // ---- buffers

    public SessionBuffer buffer(String name) {
        try {
            return buffers.get(name);
        } catch (BufferException e) {
            throw new ConsoleException(e.getMessage(), name);
        }
    }

    /** Frees a buffer unless a request in flight points into it. */
    public void freeBuffer(String name) {
        buffer(name);
        Optional<Pin> pin = pins.stream().filter(p -> p.buffer().equals(name)).findFirst();
        if (pin.isPresent()) {
            throw new ConsoleException("buffer " + name + " is registered with ring " + pin.get().ring() + " as "
                    + pin.get().why() + "; 'unregister buffers' (or close the ring) before freeing it", name);
        }
        Optional<Holder> user = userOf(name);
        if (user.isPresent()) {
            throw new ConsoleException("buffer " + name + " is in use by " + user.get().describe()
                    + ", " + user.get().state() + "; " + user.get().remedy(), name);
        }
        buffers.free(name);
    }

    /** The first request in flight (or provided-buffer group) that holds this buffer. */
    public Optional<Holder> userOf(String bufferName) {
        return holders.apply(bufferName);
    }

    /** The session buffers a draft points into ({@code addr=@b+8}): what its request pins while in flight. */
    public static List<String> buffersOf(SqeDraft draft) {
        List<String> names = null; // loops, not streams: asked for every SQE submitted, most name none
        for (SqeDraft.Assignment a : draft.assignments()) {
            if (a.value() instanceof FieldValue.BufferRef ref) {
                names = added(names, ref.name());
            }
        }
        return names == null ? List.of() : List.copyOf(names);
    }

    /** The console fds a draft names ({@code fd=$p.r} gives {@code p.r}). */
    public static List<String> fdsOf(SqeDraft draft) {
        List<String> names = null;
        for (SqeDraft.Assignment a : draft.assignments()) {
            if (a.text().startsWith("$")) { // the pattern's first character
                Matcher m = FD_REFERENCE.matcher(a.text());
                if (m.matches()) {
                    names = added(names, m.group(1));
                }
            }
        }
        return names == null ? List.of() : List.copyOf(names);
    }

    /** {@code name} added to {@code names} (made when null) unless it is there: distinct, in first-seen order. */
    private static List<String> added(List<String> names, String name) {
        List<String> out = names == null ? new ArrayList<>(2) : names;
        if (!out.contains(name)) {
            out.add(name);
        }
        return out;
    }

    // ---- fds

    public ConsoleFd addFd(String name, int fd, String what) {
        ConsoleFd added = new ConsoleFd(name, fd, what);
        fds.put(name, added);
        return added;
    }

    public List<ConsoleFd> fds() {
        return List.copyOf(fds.values());
    }

    public ConsoleFd fd(String name) {
        ConsoleFd fd = fds.get(name);
        if (fd == null) {
            throw new ConsoleException("no fd '" + name + "'" + Values.suggestion(name, fds.keySet())
                    + (fds.isEmpty() ? "; make one with pipe, socketpair, eventfd or file open"
                    : "; fds: " + String.join(", ", fds.keySet())), name);
        }
        return fd;
    }

    /** Drops one fd from the session without closing it: the caller closes it ({@code sys close}) or a CLOSE SQE did. */
    public ConsoleFd forgetFd(String name) {
        ConsoleFd fd = fd(name);
        fds.remove(name);
        return fd;
    }

    /** Closes {@code p.r}, or every fd of the group {@code p}; returns what was closed. */
    public List<ConsoleFd> closeFds(String name) {
        List<ConsoleFd> matching = fds.containsKey(name) ? List.of(fds.get(name))
                : fds.values().stream().filter(f -> f.group().equals(name)).toList();
        if (matching.isEmpty()) {
            List<String> names = new ArrayList<>(fds.keySet());
            fds.values().stream().map(ConsoleFd::group).distinct().forEach(names::add);
            throw new ConsoleException("no fd '" + name + "'" + Values.suggestion(name, names)
                    + (fds.isEmpty() ? "; there are none open" : "; fds: " + String.join(", ", fds.keySet())), name);
        }
        for (ConsoleFd f : matching) {
            fds.remove(f.name());
            try {
                Syscalls.close(f.fd());
            } catch (SyscallException e) {
                throw new ConsoleException(f.name() + ": " + e.getMessage());
            }
        }
        return matching;
    }

    // ---- values in SQE fields

    /**
     * The text a field value stands for: {@code $pipe.r} becomes the fd number, {@code @buf.len}
     * the buffer's size; anything else (numbers, {@code @buf+16} for an address) is left as typed.
     */
    public String expand(SqeField field, String text) {
        Matcher fd = FD_REFERENCE.matcher(text);
        if (fd.matches()) {
            return Integer.toString(fd(fd.group(1)).fd());
        }
        Matcher len = LENGTH_REFERENCE.matcher(text);
        if (len.matches()) {
            if (field.type() instanceof FieldType.Address) {
                throw new ConsoleException(field.name() + " is an address: @" + len.group(1) + " or @" + len.group(1)
                        + "+OFFSET, not the length " + text, text);
            }
            return Long.toString(buffer(len.group(1)).size());
        }
        if (text.startsWith("@") && !(field.type() instanceof FieldType.Address)) {
            throw new ConsoleException(field.name() + " is not an address field; a buffer goes in an address field "
                    + "such as addr (@name, @name+16), its size in a length as @name.len", text);
        }
        return text;
    }

    // ---- rings

    /** The ring is gone (its ledger with it): the kernel cancelled whatever it had in flight. */
    public void ringClosed(String ring) {
        pins.removeIf(p -> p.ring().equals(ring));
        registrations.ringClosed(ring);
        zcrx.ringClosed(ring);
    }

    /** Closes every fd and frees every buffer; rings must be closed first so no request still uses them. */
    @Override
    public void close() {
        for (ConsoleFd f : List.copyOf(fds.values())) {
            try {
                Syscalls.close(f.fd());
            } catch (SyscallException e) {
                // the fd is gone either way; nothing else to release
            }
        }
        fds.clear();
        pins.clear();
        registrations.close();
        buffers.close();
    }
}
