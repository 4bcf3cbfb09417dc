package dev.reinstaller.agent.preflight;

import dev.reinstaller.agent.bundle.Bundle;
import dev.reinstaller.agent.bundle.FileCheck;
import dev.reinstaller.agent.kexec.InitrdImage;
import dev.reinstaller.agent.kexec.Kexec;
import dev.reinstaller.agent.kexec.KexecException;
import dev.reinstaller.agent.kexec.LoadResult;
import dev.reinstaller.hostinfo.HostFiles;
import dev.reinstaller.hostinfo.HostPaths;
import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.protocol.KernelCommandLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether this host can be kexec'd into the bundle: every check runs (none stops the others)
 * and reports pass, warn or fail with the numbers behind it. Only the load probe changes anything, and
 * it undoes itself: it stages the bundle's kernel and initrd, then unloads them.
 */
public final class Preflight {
    public static final String ROOT = "root";
    public static final String ARCH = "architecture";
    public static final String LOCKDOWN = "lockdown";
    public static final String HYPERVISOR = "hypervisor";
    public static final String CONTAINER = "container";
    public static final String KEXEC_ENABLED = "kexec-enabled";
    public static final String MEMORY_LOAD = "memory-load";
    public static final String MEMORY_BOOT = "memory-boot";
    public static final String BUNDLE = "bundle";
    public static final String COMMAND_LINE = "command-line";
    public static final String PASSPHRASE = "passphrase";
    public static final String TARGET_DISK = "target-disk";
    public static final String LOAD_PROBE = "load-probe";

    /** A failure of any of these makes the load probe pointless or unsafe. */
    private static final Set<String> PROBE_PREREQUISITES = Set.of(ROOT, KEXEC_ENABLED, MEMORY_LOAD, BUNDLE);

    private final HostChecks host;
    private final MemoryCheck memory;
    private final DiskIdentityCheck disk;
    private final Kexec kexec;

    /**
     * @param paths where /proc and /sys are
     * @param processes runs {@code uname -m} where {@code /proc/sys/kernel/arch} is missing
     * @param kexec used by the load probe only
     */
    public Preflight(HostPaths paths, Processes processes, Kexec kexec) {
        HostFiles files = new HostFiles(paths);
        this.host = new HostChecks(files, processes);
        this.memory = new MemoryCheck(files);
        this.disk = new DiskIdentityCheck(files);
        this.kexec = kexec;
    }

    public PreflightReport run(PreflightRequest request) {
        Bundle bundle = request.bundle();
        List<CheckResult> checks = new ArrayList<>();
        checks.add(host.root());
        checks.add(host.architecture(bundle.manifest(), request.info()));
        checks.add(host.lockdown());
        checks.add(host.hypervisor());
        checks.add(host.container());
        checks.add(host.kexecEnabled());
        checks.add(memory.whileLoading(bundle.manifest()));
        checks.add(memory.afterBoot(bundle.manifest()));
        checks.add(bundleFiles(bundle));
        checks.add(commandLine(request.commandLine()));
        checks.add(request.diskKey()
                .map(Preflight::passphrase)
                .orElseGet(() -> CheckResult.warn(PASSPHRASE, "no disk key given: install checks it")));
        checks.add(disk.check(request.info().targetDisk()));
        if (request.probeLoad()) {
            checks.add(probe(bundle, request.commandLine(), checks));
        }
        return new PreflightReport(checks);
    }

    static CheckResult bundleFiles(Bundle bundle) {
        List<FileCheck> files = bundle.verify();
        List<FileCheck> bad = files.stream().filter(f -> !f.ok()).toList();
        if (!bad.isEmpty()) {
            return CheckResult.fail(
                    BUNDLE,
                    bad.size() + " of " + files.size() + " files do not match the manifest: "
                            + bad.stream().map(FileCheck::describe).collect(Collectors.joining("; ")));
        }
        long total = bundle.manifest().files().values().stream()
                .mapToLong(f -> f.size())
                .sum();
        return CheckResult.pass(
                BUNDLE, files.size() + " files match their SHA-256 and size (" + MemoryCheck.mib(total) + ")");
    }

    static CheckResult commandLine(String line) {
        int used = KernelCommandLine.byteLength(line) + 1;
        String numbers = used + " of " + KernelCommandLine.MAX_BYTES + " bytes (with the NUL)";
        return KernelCommandLine.fits(line)
                ? CheckResult.pass(COMMAND_LINE, "the command line uses " + numbers)
                : CheckResult.fail(
                        COMMAND_LINE, "the command line needs " + numbers + ": kexec_file_load refuses longer lines");
    }

    static CheckResult passphrase(byte[] raw) {
        return switch (Passphrase.check(raw)) {
            case Passphrase.Accepted accepted ->
                CheckResult.pass(PASSPHRASE, "the disk key is " + accepted.key().length + " bytes on one line");
            case Passphrase.Rejected rejected -> CheckResult.fail(PASSPHRASE, "the disk key " + rejected.reason());
        };
    }

    private CheckResult probe(Bundle bundle, String commandLine, List<CheckResult> earlier) {
        List<String> blockers = earlier.stream()
                .filter(c -> c.failed() && PROBE_PREREQUISITES.contains(c.id()))
                .map(CheckResult::id)
                .toList();
        if (!blockers.isEmpty()) {
            return CheckResult.warn(LOAD_PROBE, "not tried because " + String.join(", ", blockers) + " failed");
        }
        boolean container = earlier.stream().anyMatch(c -> c.id().equals(CONTAINER) && c.failed());
        LoadResult loaded;
        try (InitrdImage initrd = InitrdImage.of(bundle.initrdPath(), List.of())) {
            loaded = kexec.load(bundle.kernelPath(), initrd, commandLine);
        } catch (KexecException e) {
            return switch (e.kind()) {
                case NOT_PERMITTED ->
                    container
                            ? CheckResult.warn(LOAD_PROBE, "cannot be tried in a container: " + e.getMessage())
                            : CheckResult.fail(LOAD_PROBE, e.getMessage());
                case UNAVAILABLE, REJECTED, NO_MEMORY, FAILED -> CheckResult.fail(LOAD_PROBE, e.getMessage());
            };
        }
        try {
            kexec.unload();
        } catch (KexecException e) {
            return CheckResult.fail(LOAD_PROBE, "the bundle loaded, but unloading it failed: " + e.getMessage());
        }
        String what = "loaded " + MemoryCheck.mib(loaded.kernelBytes()) + " kernel and "
                + MemoryCheck.mib(loaded.initrdBytes()) + " initrd with " + loaded.mechanism() + ", then unloaded";
        return loaded.fallbackReason()
                .map(reason -> CheckResult.warn(LOAD_PROBE, what + "; the direct call was not used: " + reason))
                .orElseGet(() -> CheckResult.pass(LOAD_PROBE, what));
    }
}
