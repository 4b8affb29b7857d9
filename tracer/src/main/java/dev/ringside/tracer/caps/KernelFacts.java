package dev.ringside.tracer.caps;

import dev.ringside.tracer.probe.KernelRelease;
import dev.ringside.tracer.probe.OpcodeProbe;
import dev.ringside.tracer.probe.RegisterQuery;
import dev.ringside.tracer.probe.TrialSetup;
import dev.ringside.tracer.sys.SyscallException;

import java.util.Optional;

/**
 * The trials several capabilities share, each made at most once: the opcode probe, the register
 * query, the features of a plain trial ring and the kernel's BTF. Every trial ring is closed at once.
 */
public final class KernelFacts {
    private OpcodeProbe probe;
    private String probeError;
    private RegisterQuery query;
    private Long features;
    private String featuresError;
    private Optional<Btf> btf;

    public KernelRelease release() {
        return KernelRelease.running();
    }

    /** IORING_REGISTER_PROBE on a throwaway ring, or empty with {@link #probeError()}. */
    public synchronized Optional<OpcodeProbe> probe() {
        if (probe == null && probeError == null) {
            try {
                probe = OpcodeProbe.ofKernel();
            } catch (SyscallException e) {
                probeError = e.getMessage();
            }
        }
        return Optional.ofNullable(probe);
    }

    public String probeError() {
        return probeError;
    }

    public synchronized RegisterQuery query() {
        if (query == null) {
            query = RegisterQuery.ofKernel();
        }
        return query;
    }

    /** The features a ring without flags reports, or empty with {@link #featuresError()}. */
    public synchronized Optional<Long> features() {
        if (features == null && featuresError == null) {
            try {
                features = TrialSetup.features(0);
            } catch (SyscallException e) {
                featuresError = e.getMessage();
            }
        }
        return Optional.ofNullable(features);
    }

    public String featuresError() {
        return featuresError;
    }

    public synchronized Optional<Btf> btf() {
        if (btf == null) {
            btf = Btf.kernel();
        }
        return btf;
    }
}
