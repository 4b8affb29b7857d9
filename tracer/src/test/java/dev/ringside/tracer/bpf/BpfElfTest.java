package dev.ringside.tracer.bpf;

import dev.ringside.tracer.caps.Btf;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example loop program, compiled with clang, read by BpfElf: checked against readelf's symbol table. */
class BpfElfTest {
    static final Path SOURCE = Path.of("../examples/bpf/loop_nops.bpf.c");

    @Test
    void symbolsAndTheProgramsOwnBtfAreWhereReadelfSays() throws Exception {
        Assumptions.assumeTrue(run("clang", "--version").contains("clang"), "clang is not installed (bin/install-bpf-tools)");
        Path object = BpfLoop.compile(SOURCE);
        BpfElf elf = BpfElf.parse(Files.readAllBytes(object));
        String readelf = run("readelf", "-sW", object.toString());
        Assumptions.assumeTrue(readelf.contains("Symbol table"), "readelf is not installed");
        BpfElf.Symbol ops = elf.symbolsIn(".struct_ops").getFirst();
        assertEquals("nops_loop", ops.name());
        assertEquals(16, ops.size());
        for (String name : new String[] {"nops_loop", "cq_head_offset", "cq_tail_offset", "cqes_offset"}) {
            Matcher m = Pattern.compile("\\s\\d+: ([0-9a-f]+)\\s+(\\d+) OBJECT\\s+GLOBAL\\s+\\w+\\s+\\d+ " + name + "$", Pattern.MULTILINE)
                    .matcher(readelf);
            assertTrue(m.find(), name + " in\n" + readelf);
            BpfElf.Symbol s = elf.symbol(name).orElseThrow();
            assertEquals(Long.parseLong(m.group(2)), s.size(), name);
        }
        assertEquals(".rodata", elf.symbol("cq_tail_offset").orElseThrow().section());
        // ring_fd follows the loop_step pointer, as in the kernel's struct
        Btf own = Btf.parse(elf.btf().orElseThrow());
        assertEquals(64L, own.memberBitOffset(BpfLoop.OPS, "ring_fd").orElseThrow());
        elf.putU32(ops, 8, 42);
        byte[] patched = elf.bytes();
        assertEquals(42, patched[(int) ops.fileOffset() + 8]);
    }

    static String run(String... command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        }
    }
}
