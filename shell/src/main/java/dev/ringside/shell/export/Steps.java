package dev.ringside.shell.export;

import dev.ringside.tracer.journal.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The journal cut into steps, one per console line: the events a line caused come before the
 * {@link Event.CommandRan} that closes it. Events after the last line (rings closed when the
 * session ends) form a last step without a line.
 */
final class Steps {
    private Steps() {
    }

    /** One console line (absent for the session's own closing), whether it ran through, and what it caused. */
    record LineEvents(Optional<String> line, boolean succeeded, List<Event> events) {
        /** The command word, lower case ("submit"), or "" for the closing step. */
        String command() {
            String text = line.orElse("").strip();
            int space = text.indexOf(' ');
            return (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
        }
    }

    static List<LineEvents> of(List<Event> journal) {
        List<LineEvents> steps = new ArrayList<>();
        List<Event> pending = new ArrayList<>();
        for (Event e : journal) {
            if (e instanceof Event.CommandRan ran) {
                steps.add(new LineEvents(Optional.of(ran.line()), ran.succeeded(), List.copyOf(pending)));
                pending.clear();
            } else {
                pending.add(e);
            }
        }
        if (!pending.isEmpty()) {
            steps.add(new LineEvents(Optional.empty(), true, List.copyOf(pending)));
        }
        return steps;
    }
}
