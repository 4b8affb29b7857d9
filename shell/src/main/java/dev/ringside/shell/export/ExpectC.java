package dev.ringside.shell.export;

import dev.ringside.tracer.journal.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The C statements of the comparison expectations (expect cqe with checks, expect order, expect sq|cq with checks). */
final class ExpectC {
    private ExpectC() {
    }

    /** {@code { "res", ~0ULL, CHECK_GE, 1, 1, (const long long[]){ 0LL } }}: one Comparison as the runtime's struct check. */
    static String check(Event.FieldCheck k) {
        String op = switch (k.op()) {
            case "=" -> "CHECK_EQ";
            case "!=" -> "CHECK_NE";
            case "<" -> "CHECK_LT";
            case "<=" -> "CHECK_LE";
            case ">" -> "CHECK_GT";
            default -> "CHECK_GE";
        };
        List<String> values = k.values().stream().map(v -> k.signed() ? "(long long) " + v + "LL"
                : "(long long) " + Long.toUnsignedString(v) + "ULL").toList();
        return "{ " + CExporter.cString(k.field()) + ", " + Long.toUnsignedString(k.mask()) + "ULL, " + op + ", " + (k.signed() ? 1 : 0)
                + ", " + values.size() + ", (const long long[]){ " + String.join(", ", values) + " } }";
    }

    private static List<String> checks(List<Event.FieldCheck> checks) {
        List<String> out = new ArrayList<>();
        out.add("const struct check checks[] = {");
        for (int i = 0; i < checks.size(); i++) {
            out.add("\t" + check(checks.get(i)) + (i + 1 < checks.size() ? "," : ""));
        }
        out.add("};");
        return out;
    }

    static List<String> cqe(Event.ExpectedCqe x, String ring, String what) {
        List<String> out = new ArrayList<>(x.checks().isEmpty()
                ? List.of("const struct check checks[] = { { \"user_data\", 0ULL, CHECK_EQ, 0, 1, (const long long[]){ 0LL } } };")
                : checks(x.checks()));
        String big = "NULL";
        if (x.big().length > 0) {
            out.add("static const unsigned char big[17] = " + ResourcesC.bytesLiteral(x.big()) + ";");
            big = "big";
        }
        // no checks: a mask of 0 passes every user_data, and the runtime counts none
        out.add("expect_cqe_checks(" + ring + ", " + CExporter.cString(what) + ", checks, " + x.checks().size() + ", "
                + x.afterNanos() + "LL, " + x.beforeNanos() + "LL, " + big + ", " + x.timeoutNanos() + "LL);");
        return out;
    }

    static List<String> order(Event.ExpectedOrder x, String ring, String what) {
        return List.of("static const unsigned long long order[] = { " + String.join(", ", x.userData().stream()
                        .map(u -> Long.toUnsignedString(u) + "ULL").toList()) + " };",
                "expect_order(" + ring + ", " + CExporter.cString(what) + ", " + x.userData().size() + ", order, " + x.timeoutNanos() + "LL);");
    }

    static List<String> header(Event.ExpectedHeaderCheck x, String ring, String what) {
        List<String> out = new ArrayList<>(checks(x.checks()));
        out.add("expect_header_checks(" + ring + ", " + CExporter.cString(what) + ", " + (x.which().equals("sq") ? 1 : 0) + ", "
                + x.checks().size() + ", checks, " + x.timeoutNanos() + "LL);");
        return out;
    }

    static String what(Event.ExpectedCqe x) {
        return "expect cqe" + x.checks().stream().map(k -> " " + k.field() + (k.mask() == -1 ? "" : "&" + Long.toUnsignedString(k.mask()))
                + k.op() + String.join(",", k.values().stream().map(v -> k.signed() ? Long.toString(v) : Long.toUnsignedString(v)).toList())).reduce("", String::concat);
    }
}
