package dev.ringside.tracer.bpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A BPF object file (ELF64, little-endian) as the loader needs it before libbpf opens it: where each
 * global symbol's bytes lie in the file (so a struct_ops variable's {@code ring_fd} or a
 * {@code const volatile} in .rodata can be written first: libbpf 1.1 offers no way to change a
 * struct_ops map's data after open), and the raw .BTF section (the program's own types).
 */
public final class BpfElf {
    /** A global object: its section's name, where its bytes start in the file, how many there are. */
    public record Symbol(String name, String section, long fileOffset, long size) {
    }

    private final byte[] bytes;
    private final Map<String, Symbol> symbols = new HashMap<>();
    private byte[] btf;

    private BpfElf(byte[] bytes) {
        this.bytes = bytes;
    }

    public static BpfElf parse(byte[] bytes) {
        BpfElf elf = new BpfElf(bytes.clone());
        elf.read();
        return elf;
    }

    private void read() {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 64 || b.getInt(0) != 0x464c457f || bytes[4] != 2 || bytes[5] != 1) {
            throw new IllegalArgumentException("not a 64-bit little-endian ELF object");
        }
        if (Short.toUnsignedInt(b.getShort(18)) != 247) {
            throw new IllegalArgumentException("not a BPF object (e_machine " + Short.toUnsignedInt(b.getShort(18)) + ", EM_BPF is 247)");
        }
        long shoff = b.getLong(40);
        int shentsize = Short.toUnsignedInt(b.getShort(58));
        int shnum = Short.toUnsignedInt(b.getShort(60));
        int shstrndx = Short.toUnsignedInt(b.getShort(62));
        long[] offset = new long[shnum];
        long[] size = new long[shnum];
        int[] type = new int[shnum];
        int[] link = new int[shnum];
        int[] nameOff = new int[shnum];
        for (int i = 0; i < shnum; i++) {
            int h = (int) (shoff + (long) i * shentsize);
            nameOff[i] = b.getInt(h);
            type[i] = b.getInt(h + 4);
            offset[i] = b.getLong(h + 24);
            size[i] = b.getLong(h + 32);
            link[i] = b.getInt(h + 40);
        }
        String[] names = new String[shnum];
        for (int i = 0; i < shnum; i++) {
            names[i] = cString((int) offset[shstrndx] + nameOff[i]);
        }
        for (int i = 0; i < shnum; i++) {
            if (names[i].equals(".BTF")) {
                btf = java.util.Arrays.copyOfRange(bytes, (int) offset[i], (int) (offset[i] + size[i]));
            }
            if (type[i] != 2) { // SHT_SYMTAB
                continue;
            }
            int strtab = (int) offset[link[i]];
            for (long p = offset[i]; p + 24 <= offset[i] + size[i]; p += 24) {
                int at = (int) p;
                String name = cString(strtab + b.getInt(at));
                int info = bytes[at + 4] & 0xff;
                int shndx = Short.toUnsignedInt(b.getShort(at + 6));
                long value = b.getLong(at + 8);
                long symSize = b.getLong(at + 16);
                // STT_OBJECT in a section with bytes in the file (not .bss, SHT_NOBITS = 8)
                if ((info & 0xf) == 1 && shndx > 0 && shndx < shnum && type[shndx] != 8 && !name.isEmpty()) {
                    symbols.put(name, new Symbol(name, names[shndx], offset[shndx] + value, symSize));
                }
            }
        }
    }

    public Optional<Symbol> symbol(String name) {
        return Optional.ofNullable(symbols.get(name));
    }

    /** The global objects of a section, such as the struct_ops variables of ".struct_ops". */
    public java.util.List<Symbol> symbolsIn(String section) {
        return symbols.values().stream().filter(s -> s.section().equals(section))
                .sorted(java.util.Comparator.comparingLong(Symbol::fileOffset)).toList();
    }

    public Optional<byte[]> btf() {
        return Optional.ofNullable(btf).map(byte[]::clone);
    }

    /** Writes a u32 at {@code offset} bytes into a symbol's object. */
    public void putU32(Symbol symbol, long offset, int value) {
        if (offset < 0 || offset + 4 > symbol.size()) {
            throw new IllegalArgumentException(symbol.name() + " has " + symbol.size() + " bytes; no u32 at " + offset);
        }
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) (symbol.fileOffset() + offset), value);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    private String cString(int at) {
        int end = at;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, at, end - at, StandardCharsets.US_ASCII);
    }
}
