package dev.ringside.shell.kernel;

import java.nio.file.Path;
import java.util.List;

/**
 * A kernel ready to boot: its image and the modules the guest's init loads, in order, before it mounts
 * the host's root over 9p (empty when 9p is built in).
 *
 * @param label   the spec as the user wrote it ({@code debian:sid})
 * @param release what it resolved to ({@code 7.2.13+deb14-amd64})
 */
public record GuestKernel(String label, String release, Path image, List<Path> modules) {
    public GuestKernel {
        modules = List.copyOf(modules);
    }
}
