package dev.ringside.shell.trace;

import dev.ringside.decoders.values.Errno;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.ring.Completion;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The kernel's events of one request, tied to it by ring, then req pointer, then user_data, shown
 * under its CQE; and, where those events show it, one line saying why it ended as it did.
 */
public final class KernelView {
    /** A kernel's ECANCELED and ETIME, as results. */
    private static final long ECANCELED = -125;
    private static final long ETIME = -62;
    /** How far back in the journal a CQE's request is looked for: the journal's in-memory window, not its file. */
    public static final int RECENT = dev.ringside.tracer.journal.Journal.WINDOW;

    private KernelView() {
    }

    /** One request as the kernel saw it: its submit_req (if read) and every event of its req pointer or user_data after it. */
    public record Request(long userData, Optional<Event.KernelEvent> submitted, List<Event.KernelEvent> events) {
        Optional<String> req() {
            return Optional.ofNullable(events.getFirst().fields().get("req")).filter(req -> !req.matches("0+"));
        }

        Optional<Event.KernelEvent> completed() {
            return events.stream().filter(e -> e.name().equals("complete")).reduce((a, b) -> b);
        }

        boolean has(String name) {
            return events.stream().anyMatch(e -> e.name().equals(name));
        }
    }

    /** The lines printed under a CQE when tracing is on: its kernel events, then why, if the events say. */
    public static List<String> under(List<Event> journal, String ring, Completion cqe) {
        List<Event.KernelEvent> kernel = kernelEvents(journal, ring);
        Optional<Request> request = request(kernel, cqe.userData());
        if (request.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        long start = request.get().events().getFirst().at();
        for (Event.KernelEvent e : request.get().events()) {
            lines.add(String.format("    kernel %-9s %-17s %s", "+" + micros(e.at() - start), e.name(), fields(e)));
        }
        why(kernel, request.get(), cqe.res()).or(() -> cancelledBy(journal, ring, request.get(), cqe.res()))
                .ifPresent(why -> lines.add("    why: " + why));
        return lines;
    }

    static List<Event.KernelEvent> kernelEvents(List<Event> journal, String ring) {
        List<Event.KernelEvent> kernel = new ArrayList<>();
        for (Event e : journal) {
            if (e instanceof Event.KernelEvent k && k.ring().equals(ring)) {
                kernel.add(k);
            }
        }
        return kernel;
    }

    /** The latest request with this user_data: from its submit_req, every event naming its req or its user_data. */
    public static Optional<Request> request(List<Event.KernelEvent> kernel, long userData) {
        int from = -1;
        for (int i = kernel.size() - 1; i >= 0; i--) {
            Event.KernelEvent e = kernel.get(i);
            if (isSubmit(e) && e.number("user_data").orElse(-1) == userData) {
                from = i;
                break;
            }
        }
        if (from >= 0) {
            return Optional.of(requestFrom(kernel, from));
        }
        // a request the kernel refused while preparing it has no submit_req: req_failed is its first event
        for (int i = kernel.size() - 1; i >= 0; i--) {
            Event.KernelEvent e = kernel.get(i);
            if (e.name().equals("req_failed") && e.number("user_data").orElse(-1) == userData) {
                return Optional.of(requestFrom(kernel, i));
            }
        }
        return posted(kernel, userData);
    }

    /** A CQE no request of this ring made (MSG_RING posts them, req 0): its complete or cqe_overflow, the last second of them. */
    private static Optional<Request> posted(List<Event.KernelEvent> kernel, long userData) {
        List<Event.KernelEvent> events = new ArrayList<>();
        for (int i = kernel.size() - 1; i >= 0; i--) {
            Event.KernelEvent e = kernel.get(i);
            boolean noRequest = !e.fields().containsKey("req") || e.fields().get("req").matches("0+");
            if (noRequest && (e.name().equals("complete") || e.name().equals("cqe_overflow"))
                    && e.number("user_data").orElse(-1) == userData
                    && (events.isEmpty() || events.getFirst().at() - e.at() < 1_000_000_000L)) {
                events.addFirst(e);
            }
        }
        return events.isEmpty() ? Optional.empty() : Optional.of(new Request(userData, Optional.empty(), events));
    }

    /** The request whose submit_req (or req_failed) is kernel[from]: it and every later event of its req (or of its user_data, for events without a req) up to its last complete. */
    static Request requestFrom(List<Event.KernelEvent> kernel, int from) {
        Event.KernelEvent submit = kernel.get(from);
        long userData = submit.number("user_data").orElse(-1);
        String req = submit.fields().get("req");
        List<Event.KernelEvent> events = new ArrayList<>();
        for (int i = from; i < kernel.size(); i++) {
            Event.KernelEvent e = kernel.get(i);
            if (i > from && isSubmit(e) && Objects.equals(e.fields().get("req"), req)) {
                break; // the kernel reused the req for another request
            }
            boolean mine = Objects.equals(e.fields().get("req"), req)
                    || (!e.fields().containsKey("req") && e.number("user_data").orElse(-1) == userData);
            if (mine) {
                events.add(e);
                // IORING_CQE_F_MORE (1 << 1): a multishot request goes on after this completion
                if (e.name().equals("complete") && (e.number("cflags").orElse(0) & 2) == 0) {
                    break;
                }
            }
        }
        return new Request(userData, isSubmit(submit) ? Optional.of(submit) : Optional.empty(), events);
    }

    private static boolean isSubmit(Event.KernelEvent e) {
        // submit_sqe before 6.3
        return e.name().equals("submit_req") || e.name().equals("submit_sqe");
    }

    /** One line on why the request ended so, when the kernel's events show it. */
    public static Optional<String> why(List<Event.KernelEvent> kernel, Request request, long res) {
        Optional<String> req = request.req();
        Optional<Event.KernelEvent> failed = request.events().stream().filter(e -> e.name().equals("req_failed")).findFirst();
        if (failed.isPresent()) {
            return Optional.of("failed at prep with " + Errno.describeResult(failed.get().number("error").orElse(res))
                    .replaceFirst("^-?\\d+ ", "-") + " (req_failed)");
        }
        if (res == ECANCELED && req.isPresent()) {
            // link: "request <req> linked after <target_req>": who was linked after this one, and who before it
            for (Event.KernelEvent link : kernel) {
                if (!link.name().equals("link") || !req.get().equals(link.fields().get("target_req"))) {
                    continue;
                }
                Optional<Request> next = requestByReq(kernel, link.fields().get("req"), link.at());
                if (next.isPresent() && next.get().submitted().map(s -> s.fields().getOrDefault("op_str", "")).orElse("")
                        .equals("LINK_TIMEOUT") && next.get().completed().map(c -> c.number("res").orElse(0)).orElse(0L) == ETIME) {
                    Event.KernelEvent fired = next.get().completed().get();
                    long after = fired.at() - next.get().submitted().get().at();
                    return Optional.of("cancelled: its LINK_TIMEOUT user_data=" + Long.toUnsignedString(next.get().userData())
                            + " fired after " + String.format("%.1f ms", after / 1e6));
                }
            }
            for (Event.KernelEvent link : kernel) {
                if (!link.name().equals("link") || !req.get().equals(link.fields().get("req"))) {
                    continue;
                }
                Optional<Request> before = requestByReq(kernel, link.fields().get("target_req"), link.at());
                OptionalLong beforeRes = before.flatMap(Request::completed).map(c -> c.number("res")).orElse(OptionalLong.empty());
                if (before.isPresent() && beforeRes.isPresent() && beforeRes.getAsLong() < 0) {
                    return Optional.of("the link broke: user_data=" + Long.toUnsignedString(before.get().userData()) + " failed ("
                            + Errno.describeResult(beforeRes.getAsLong()) + "), so user_data="
                            + Long.toUnsignedString(request.userData()) + " got -ECANCELED");
                }
            }
        }
        if (request.has("cqe_overflow")) {
            return Optional.of("overflowed the CQ (NODROP) and was delivered later");
        }
        if (request.has("queue_async_work")) {
            return Optional.of("punted to io-wq");
        }
        return Optional.empty();
    }

    /** Where io_uring_sqe.addr is: an ASYNC_CANCEL's target user_data (uapi layout, not a guess). */
    private static final long SQE_ADDR = dev.ringside.decoders.layout.LayoutPaths.offset(
            dev.ringside.decoders.layout.UapiLayouts.IO_URING_SQE, "addr");

    /**
     * An -ECANCELED with no link to blame: an ASYNC_CANCEL the console submitted on the same ring after
     * the request, whose SQE (as written to its slot) targets this user_data, and what the kernel answered it.
     */
    static Optional<String> cancelledBy(List<Event> journal, String ring, Request request, long res) {
        if (res != ECANCELED || request.submitted().isEmpty()) {
            return Optional.empty();
        }
        long submittedAt = request.submitted().get().at();
        for (Event e : journal) {
            if (e instanceof Event.SqeQueued q && q.ring().equals(ring) && q.opcode().equals("ASYNC_CANCEL")
                    && q.at() >= submittedAt - 1_000_000 && q.bytes().length >= SQE_ADDR + 8
                    && java.nio.ByteBuffer.wrap(q.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong((int) SQE_ADDR)
                    == request.userData()) {
                OptionalLong answer = request(kernelEvents(journal, ring), q.userData())
                        .flatMap(Request::completed).map(c -> c.number("res")).orElse(OptionalLong.empty());
                return Optional.of("cancelled by ASYNC_CANCEL user_data=" + Long.toUnsignedString(q.userData())
                        + (answer.isPresent() ? " (which completed with " + Errno.describeResult(answer.getAsLong()) + ")" : ""));
            }
        }
        return Optional.empty();
    }

    /** The request whose submit_req had this req pointer, the latest one at or before {@code before}. */
    private static Optional<Request> requestByReq(List<Event.KernelEvent> kernel, String req, long before) {
        for (int i = kernel.size() - 1; i >= 0; i--) {
            Event.KernelEvent e = kernel.get(i);
            if (isSubmit(e) && e.at() <= before && Objects.equals(e.fields().get("req"), req)) {
                return Optional.of(requestFrom(kernel, i));
            }
        }
        return Optional.empty();
    }

    private static String fields(Event.KernelEvent e) {
        StringBuilder text = new StringBuilder();
        e.fields().forEach((k, v) -> {
            if (!k.equals("ctx") && !k.equals("req")) {
                text.append(k).append('=').append(v).append(' ');
            }
        });
        if (e.name().equals("complete") && e.number("res").isPresent()) {
            text.append("(").append(Errno.describeResult(e.number("res").getAsLong())).append(") ");
        }
        if (!e.note().isEmpty()) {
            text.append("(").append(e.note()).append(") ");
        }
        return text.append('[').append(e.comm()).append('-').append(e.tid()).append(']').toString();
    }

    private static String micros(long nanos) {
        return nanos < 1_000_000 ? (nanos / 1000) + "us" : String.format("%.3fms", nanos / 1e6);
    }
}
