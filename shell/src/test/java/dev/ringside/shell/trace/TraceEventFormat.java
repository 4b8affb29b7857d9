package dev.ringside.shell.trace;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of Google's "Trace Event Format" document (the JSON format Perfetto and chrome://tracing
 * read), as checks; written from the document, not from our exporter. Returns every broken rule.
 * - JSON Object Format: {"traceEvents": [...]}; each event has name, ph, ts (us), pid, tid.
 * - Complete events "X" carry dur; slices of one thread nest (one inside the other, or apart).
 * - Nestable async events "b"/"n"/"e": matched by cat and id; an "e" closes the open "b" of the same cat,
 *   id and name; "n" only while its "b" is open; every "b" gets its "e".
 * - Flow events "s"/"t"/"f": same cat, id and name; "s" first, "f" last, "bp" only "e".
 * And ours on top: one request per async id in a ring (process), timestamps never going back on a track.
 */
final class TraceEventFormat {
    private static final Set<String> PHASES = Set.of("B", "E", "X", "i", "I", "C", "b", "n", "e", "S", "T", "p", "F",
            "s", "t", "f", "P", "N", "O", "D", "M", "V", "v", "R", "c", "(", ")");

    private TraceEventFormat() {
    }

    static List<String> violations(JsonNode trace) {
        List<String> broken = new ArrayList<>();
        JsonNode events = trace.isArray() ? trace : trace.path("traceEvents");
        if (!events.isArray()) {
            return List.of("no traceEvents array");
        }
        Map<String, Double> lastOnTrack = new HashMap<>();
        Map<String, Deque<JsonNode>> openAsync = new HashMap<>();
        Set<String> asyncIdsUsed = new HashSet<>();
        Map<String, List<double[]>> slicesByThread = new HashMap<>();
        Map<String, String> flowState = new HashMap<>();
        int index = -1;
        for (JsonNode e : events) {
            index++;
            String where = "event " + index + " " + e;
            for (String field : List.of("ph", "ts", "pid", "tid", "name")) {
                if (!e.has(field)) {
                    broken.add(where + ": no " + field);
                }
            }
            String ph = e.path("ph").asText();
            if (!PHASES.contains(ph)) {
                broken.add(where + ": unknown phase " + ph);
                continue;
            }
            if (!e.path("ts").isNumber() && !ph.equals("M")) {
                broken.add(where + ": ts is not a number");
                continue;
            }
            double ts = e.path("ts").asDouble();
            String thread = e.path("pid").asText() + "/" + e.path("tid").asText();
            String asyncKey = e.path("pid").asText() + "/" + e.path("cat").asText() + "/" + e.path("id").asText();
            switch (ph) {
                case "M" -> {
                    continue;
                }
                case "X" -> {
                    if (!e.path("dur").isNumber() || e.path("dur").asDouble() < 0) {
                        broken.add(where + ": a complete event needs dur >= 0");
                    }
                    slicesByThread.computeIfAbsent(thread, t -> new ArrayList<>()).add(new double[]{ts, ts + e.path("dur").asDouble()});
                }
                case "b", "n", "e" -> {
                    if (!e.has("id") || !e.has("cat")) {
                        broken.add(where + ": an async event needs cat and id");
                    }
                    Deque<JsonNode> open = openAsync.computeIfAbsent(asyncKey, k -> new ArrayDeque<>());
                    if (ph.equals("b")) {
                        if (open.isEmpty() && !asyncIdsUsed.add(asyncKey)) {
                            broken.add(where + ": async id used by a second request in this process");
                        }
                        open.push(e);
                    } else if (open.isEmpty()) {
                        broken.add(where + ": '" + ph + "' with no open 'b' of the same cat and id");
                    } else if (ph.equals("e")) {
                        JsonNode begin = open.pop();
                        if (!begin.path("name").asText().equals(e.path("name").asText())) {
                            broken.add(where + ": 'e' named differently from its 'b' " + begin.path("name"));
                        }
                    }
                }
                case "s", "t", "f" -> {
                    String flow = e.path("cat").asText() + "/" + e.path("id").asText() + "/" + e.path("name").asText();
                    String state = flowState.get(flow);
                    if (ph.equals("s") && state != null) {
                        broken.add(where + ": a second 's' for flow " + flow);
                    } else if (!ph.equals("s") && !"s".equals(state) && !"t".equals(state)) {
                        broken.add(where + ": '" + ph + "' before its flow's 's'");
                    }
                    flowState.put(flow, ph);
                    if (e.has("bp") && !e.path("bp").asText().equals("e")) {
                        broken.add(where + ": bp can only be \"e\"");
                    }
                }
                default -> {
                }
            }
            // a track: a thread for thread events, a (cat, id) for async ones, a flow for flow events
            String track = switch (ph) {
                case "b", "n", "e" -> "async " + asyncKey;
                case "s", "t", "f" -> "flow " + e.path("cat").asText() + "/" + e.path("id").asText();
                default -> "thread " + thread;
            };
            Double last = lastOnTrack.put(track, ts);
            if (last != null && ts < last) {
                broken.add(where + ": ts " + ts + " earlier than " + last + " before it on " + track);
            }
        }
        openAsync.forEach((key, open) -> open.forEach(b -> broken.add("'b' with no 'e': " + b)));
        flowState.forEach((flow, state) -> {
            if (!state.equals("f")) {
                broken.add("flow " + flow + " never finished ('f')");
            }
        });
        slicesByThread.forEach((thread, slices) -> {
            // longer first at equal starts: the enclosing slice before what it encloses
            slices.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(b[1], a[1]));
            Deque<double[]> stack = new ArrayDeque<>();
            for (double[] slice : slices) {
                while (!stack.isEmpty() && stack.peek()[1] <= slice[0]) {
                    stack.pop();
                }
                if (!stack.isEmpty() && slice[1] > stack.peek()[1]) {
                    broken.add("thread " + thread + ": slice [" + slice[0] + ", " + slice[1] + "] overlaps ["
                            + stack.peek()[0] + ", " + stack.peek()[1] + "] without nesting in it");
                }
                stack.push(slice);
            }
        });
        return broken;
    }
}
