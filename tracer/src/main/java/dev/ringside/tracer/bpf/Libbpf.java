package dev.ringside.tracer.bpf;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The few libbpf calls a struct_ops loader needs, bound through FFM to the system's libbpf.so.1
 * (Debian's libbpf1), with errno captured after the calls that report failure by NULL.
 */
final class Libbpf {
    static final String LIBRARY = "libbpf.so.1";
    /** enum bpf_map_type in linux/bpf.h. */
    static final int BPF_MAP_TYPE_STRUCT_OPS = 26;
    /** linux/bpf.h: a program the verifier lets sleep (liburing's loop programs are struct_ops.s). */
    static final int BPF_F_SLEEPABLE = 1 << 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private final SymbolLookup lookup;
    final MethodHandle openFile, nextMap, mapType, mapName, nextProgram, setFlags, load, attachStructOps, linkDestroy, close;

    private Libbpf(SymbolLookup lookup) {
        this.lookup = lookup;
        openFile = bind("bpf_object__open_file", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), true);
        nextMap = bind("bpf_object__next_map", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), false);
        mapType = bind("bpf_map__type", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
        mapName = bind("bpf_map__name", FunctionDescriptor.of(ADDRESS, ADDRESS), false);
        nextProgram = bind("bpf_object__next_program", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), false);
        setFlags = bind("bpf_program__set_flags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), false);
        load = bind("bpf_object__load", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
        attachStructOps = bind("bpf_map__attach_struct_ops", FunctionDescriptor.of(ADDRESS, ADDRESS), true);
        linkDestroy = bind("bpf_link__destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
        close = bind("bpf_object__close", FunctionDescriptor.ofVoid(ADDRESS), false);
    }

    private static Libbpf instance;

    /** The bound library, or an exception saying it is not installed. */
    static synchronized Libbpf get() throws BpfException {
        if (instance == null) {
            try {
                instance = new Libbpf(SymbolLookup.libraryLookup(LIBRARY, Arena.global()));
            } catch (IllegalArgumentException e) {
                throw new BpfException("dlopen " + LIBRARY, 0, LIBRARY + " is not installed (Debian: libbpf1; bin/install-bpf-tools)");
            }
        }
        return instance;
    }

    private MethodHandle bind(String name, FunctionDescriptor descriptor, boolean errno) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new IllegalStateException(LIBRARY + " has no " + name));
        return errno ? LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"))
                : LINKER.downcallHandle(symbol, descriptor);
    }

    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }
}
