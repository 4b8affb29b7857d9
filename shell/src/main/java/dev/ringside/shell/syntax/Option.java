package dev.ringside.shell.syntax;

import dev.ringside.shell.session.Session;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One {@code name=value} option of a command, declared once: parsing, help, errors and Tab read it.
 *
 * @param defaultText the value when the option is absent, as the user would type it; empty for none
 * @param completion  where Tab finds values; by default the type's own candidates
 * @param group       the heading Tab lists it under; empty for none
 * @param inHelp      whether usage and help list it (the raw io_uring_sqe members are too many)
 * @param compares    whether it also takes {@code NAME[&MASK] OP VALUE[,VALUE...]} (an expectation field, see Comparison)
 */
public record Option(String name, ValueType type, Optional<String> defaultText, String doc,
                     BiFunction<Session, String, List<String>> completion, String group, boolean inHelp,
                     boolean compares) {
    public static Option of(String name, ValueType type, String doc) {
        return new Option(name, type, Optional.empty(), doc, type::candidates, "", true, false);
    }

    public static Option of(String name, ValueType type, String defaultText, String doc) {
        return new Option(name, type, Optional.of(defaultText), doc, type::candidates, "", true, false);
    }

    /** This option with Tab taking its values from {@code source}. */
    public Option completing(BiFunction<Session, String, List<String>> source) {
        return new Option(name, type, defaultText, doc, source, group, inHelp, compares);
    }

    /** This option listed under {@code heading} when Tab shows groups (an opcode's own fields, raw members). */
    public Option inGroup(String heading) {
        return new Option(name, type, defaultText, doc, completion, heading, inHelp, compares);
    }

    /** This option left out of usage and help (which say so in a note), still parsed and offered by Tab. */
    public Option tabOnly() {
        return new Option(name, type, defaultText, doc, completion, group, false, compares);
    }

    /** This option compared, not only equated: {@code res>=0}, {@code flags&MORE=0}, {@code res=-EINVAL,-EAGAIN}. */
    public Option comparable() {
        return new Option(name, type, defaultText, doc, completion, group, inHelp, true);
    }

    /** Whether its values are signed numbers ({@code res}), so {@code <} compares them signed. */
    public boolean signed() {
        return type instanceof ValueType.Result;
    }

    /** {@code entries=N}: how usage writes it. */
    public String usage() {
        return name + "=" + type.placeholder();
    }

    /** The one-line help: doc and default. */
    public String describe() {
        return doc + defaultText.map(d -> " (default " + d + ")").orElse("")
                + (compares ? "; compares: " + name + ">=V (= != < <= > >=), " + name + "&MASK=V, " + name + "=V1,V2 (one of)" : "");
    }
}
