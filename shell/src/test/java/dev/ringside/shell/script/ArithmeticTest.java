package dev.ringside.shell.script;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expression evaluator of let and $((EXPR)), against gcc's own evaluation of the same C expressions. */
class ArithmeticTest {
    @TempDir
    Path dir;

    /** Expressions whose value C defines (64-bit operands, no overflow): precedence, associativity, unary, errno names. */
    static final List<String> EXPRESSIONS = List.of(
            "5+1", "1+2*3", "(1+2)*3", "10-4-3", "100/7/2", "-7/2", "-7%3", "7%-3", "1<<4|1", "1|2^3&4",
            "0xff&~0x0f", "0x10+0x0a", "~0", "-(3)", "- -3", "+4", "~-1", "1<<62", "-1>>1", "256>>3>>1",
            "3*4%5", "2+3<<1", "6&3|8", "5^1^1", "-EINVAL", "-EAGAIN+1", "EBUSY*2", "(1<<32)-1", "-(1<<40)/3",
            "0b101|0b10", "1_000+1");

    @Test
    void everyExpressionHasTheValueCGivesIt() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v gcc").start().waitFor() == 0, "gcc is not installed");
        StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <errno.h>\nint main(void)\n{\n");
        for (String e : EXPRESSIONS) {
            // every literal a long long, as the evaluator's 64-bit operands; 0b and _ are spelled as C spells them
            String spelled = e.replace("_", "").replaceAll("\\b(0x[0-9a-fA-F]+|0b[01]+|[0-9]+)\\b", "$1LL");
            c.append("\tprintf(\"%lld\\n\", (long long) (").append(spelled).append("));\n");
        }
        c.append("\treturn 0;\n}\n");
        Path source = dir.resolve("e.c");
        Files.writeString(source, c);
        Path binary = dir.resolve("e");
        Process gcc = new ProcessBuilder("gcc", "-Wall", "-Wno-overflow", "-o", binary.toString(), source.toString())
                .redirectErrorStream(true).start();
        String gccOut = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, gcc.exitValue(), gccOut + c);
        Process run = new ProcessBuilder(binary.toString()).start();
        List<String> values = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        for (int i = 0; i < EXPRESSIONS.size(); i++) {
            assertEquals(Long.parseLong(values.get(i)), Arithmetic.evaluate(EXPRESSIONS.get(i)), EXPRESSIONS.get(i));
        }
    }

    @Test
    void errorsSayWhatAndPointAtTheirOffset() {
        Arithmetic.Failure zero = assertThrows(Arithmetic.Failure.class, () -> Arithmetic.evaluate("10/(5-5)"));
        assertEquals("division by zero", zero.getMessage());
        assertEquals(2, zero.offset());
        assertEquals(1, assertThrows(Arithmetic.Failure.class, () -> Arithmetic.evaluate("1%0")).offset());
        Arithmetic.Failure overflow = assertThrows(Arithmetic.Failure.class, () -> Arithmetic.evaluate("9223372036854775807+1"));
        assertTrue(overflow.getMessage().contains("overflows 64 bits"), overflow.getMessage());
        assertEquals(19, overflow.offset());
        assertTrue(assertThrows(Arithmetic.Failure.class, () -> Arithmetic.evaluate("99999999999999999999")).getMessage()
                .contains("does not fit in 64 bits"));
        assertTrue(assertThrows(Arithmetic.Failure.class, () -> Arithmetic.evaluate("1<<64")).getMessage().contains("shifts by 0 to 63"));
        assertEquals("'(' without its ')'", assertThrows(Arithmetic.Failure.class, () -> Arithmetic.evaluate("(1+2")).getMessage());
        assertEquals("')' without its '('", assertThrows(Arithmetic.Failure.class, () -> Arithmetic.evaluate("1+2)")).getMessage());
        Arithmetic.Failure dangling = assertThrows(Arithmetic.Failure.class, () -> Arithmetic.evaluate("1+"));
        assertTrue(dangling.getMessage().contains("ends after '+'"), dangling.getMessage());
        Arithmetic.Failure name = assertThrows(Arithmetic.Failure.class, () -> Arithmetic.evaluate("2*x"));
        assertEquals(2, name.offset());
        assertTrue(name.getMessage().contains("'x' is not a number or an errno name"), name.getMessage());
        assertTrue(assertThrows(Arithmetic.Failure.class, () -> Arithmetic.evaluate("1==1")).getMessage().contains("'='"));
    }

    @Test
    void letKeepsTextAndLoneNumbersAsTyped() {
        assertEquals(Optional.of(6L), Arithmetic.letValue("5+1"));
        assertEquals(Optional.of(-21L), Arithmetic.letValue("-EINVAL+1"));
        for (String asTyped : List.of("hello", "10ms", "0x10", "-1", "-EINVAL", "/tmp/x-1", "IO_LINK|IO_DRAIN", "-", "@b+16", "a-b")) {
            assertEquals(Optional.empty(), Arithmetic.letValue(asTyped), asTyped);
        }
        assertThrows(Arithmetic.Failure.class, () -> Arithmetic.letValue("1/0"));
        assertThrows(Arithmetic.Failure.class, () -> Arithmetic.letValue("5+"));
    }
}
