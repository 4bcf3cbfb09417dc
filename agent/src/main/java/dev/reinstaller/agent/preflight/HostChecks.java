package dev.reinstaller.agent.preflight;

import dev.reinstaller.hostinfo.HostFiles;
import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.protocol.Architecture;
import dev.reinstaller.protocol.BundleManifest;
import dev.reinstaller.protocol.RuntimeInfo;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks of the running host: privileges, architecture, lockdown, virtualisation, kexec switches. */
final class HostChecks {
    static final int CAP_SYS_BOOT = 22;
    private static final Duration UNAME_DEADLINE = Duration.ofSeconds(5);
    private static final List<String> CGROUP_HINTS = List.of("docker", "kubepods", "/lxc", "containerd", "libpod");

    private final HostFiles files;
    private final Processes processes;

    HostChecks(HostFiles files, Processes processes) {
        this.files = files;
        this.processes = processes;
    }

    /** Effective uid 0 with CAP_SYS_BOOT, from {@code /proc/self/status}. */
    CheckResult root() {
        Optional<String> status = files.stripped("/proc/self/status");
        Optional<String> uid = status.flatMap(s -> field(s, "Uid:"));
        if (uid.isEmpty()) {
            return CheckResult.fail(Preflight.ROOT, "cannot read the Uid line of /proc/self/status");
        }
        String[] ids = uid.get().split("\\s+");
        String euid = ids.length > 1 ? ids[1] : ids[0];
        if (!euid.equals("0")) {
            return CheckResult.fail(Preflight.ROOT, "effective uid is " + euid + "; kexec needs root (uid 0)");
        }
        Optional<String> capEff = status.flatMap(s -> field(s, "CapEff:"));
        if (capEff.isPresent() && !new BigInteger(capEff.get(), 16).testBit(CAP_SYS_BOOT)) {
            return CheckResult.fail(
                    Preflight.ROOT, "uid 0 but without CAP_SYS_BOOT (CapEff " + capEff.get() + "): a container?");
        }
        return CheckResult.pass(Preflight.ROOT, "effective uid 0 with CAP_SYS_BOOT");
    }

    /** The host's architecture against the bundle's and runtime info's. */
    CheckResult architecture(BundleManifest manifest, RuntimeInfo info) {
        Optional<String> machine = files.stripped("/proc/sys/kernel/arch").or(this::uname);
        if (machine.isEmpty()) {
            return CheckResult.fail(
                    Preflight.ARCH, "cannot tell the host's architecture (/proc/sys/kernel/arch, uname -m)");
        }
        Architecture host = Architecture.fromUname(machine.get());
        if (host == null) {
            return CheckResult.fail(
                    Preflight.ARCH, "host architecture " + machine.get() + " is not supported (x86_64, aarch64)");
        }
        if (host != manifest.arch()) {
            return CheckResult.fail(
                    Preflight.ARCH, "the bundle is for " + manifest.arch().wire() + ", this host is " + host.wire());
        }
        if (info.arch() != host) {
            return CheckResult.fail(
                    Preflight.ARCH, "runtime info says " + info.arch().wire() + ", this host is " + host.wire());
        }
        return CheckResult.pass(Preflight.ARCH, "host and bundle are " + host.wire());
    }

    /** {@code /sys/kernel/security/lockdown}: any mode but none refuses unsigned kernels. */
    CheckResult lockdown() {
        Optional<String> text = files.stripped("/sys/kernel/security/lockdown");
        if (text.isEmpty()) {
            return files.exists("/sys/kernel/security")
                    ? CheckResult.pass(Preflight.LOCKDOWN, "no lockdown (the kernel has no lockdown LSM)")
                    : CheckResult.warn(
                            Preflight.LOCKDOWN,
                            "securityfs is not mounted at /sys/kernel/security: lockdown state unknown");
        }
        int open = text.get().indexOf('[');
        int close = text.get().indexOf(']');
        String mode = open >= 0 && close > open ? text.get().substring(open + 1, close) : text.get();
        if (mode.equals("none")) {
            return CheckResult.pass(Preflight.LOCKDOWN, "lockdown is none");
        }
        return CheckResult.fail(
                Preflight.LOCKDOWN,
                "lockdown is " + mode + ": a locked-down kernel only loads signed kernels (Secure Boot is on)");
    }

    /** Xen from {@code /sys/hypervisor}: kexec is unsupported in PV guests. */
    CheckResult hypervisor() {
        Optional<String> type = files.stripped("/sys/hypervisor/type");
        if (type.isEmpty() || !type.get().equals("xen")) {
            return CheckResult.pass(
                    Preflight.HYPERVISOR, type.map(t -> "hypervisor " + t).orElse("no Xen hypervisor"));
        }
        String guest = files.stripped("/sys/hypervisor/guest_type").orElse("unknown");
        if (guest.equals("HVM") || guest.equals("PVH")) {
            return CheckResult.warn(
                    Preflight.HYPERVISOR, "Xen " + guest + " guest: kexec usually works there but is untested");
        }
        return CheckResult.fail(
                Preflight.HYPERVISOR, "Xen guest of type " + guest + ": kexec under Xen PV is unsupported");
    }

    /** Evidence that this process runs in a container, where kexec cannot replace the host's kernel. */
    CheckResult container() {
        List<String> evidence = new ArrayList<>();
        files.readable("/proc/1/environ").ifPresent(env -> {
            for (String entry : new String(env, StandardCharsets.UTF_8).split("\0")) {
                if (entry.startsWith("container=")) {
                    evidence.add(entry + " in PID 1's environment");
                }
            }
        });
        files.stripped("/run/systemd/container").ifPresent(c -> evidence.add("/run/systemd/container says " + c));
        for (String marker : List.of("/.dockerenv", "/run/.containerenv")) {
            if (files.exists(marker)) {
                evidence.add(marker + " exists");
            }
        }
        files.stripped("/proc/1/cgroup")
                .ifPresent(cgroup -> CGROUP_HINTS.stream()
                        .filter(cgroup::contains)
                        .findFirst()
                        .ifPresent(hint -> evidence.add("/proc/1/cgroup mentions " + hint)));
        if (evidence.isEmpty()) {
            return CheckResult.pass(Preflight.CONTAINER, "no sign of a container");
        }
        return CheckResult.fail(
                Preflight.CONTAINER,
                "this looks like a container (" + String.join(", ", evidence)
                        + "): kexec needs the host itself, not a container");
    }

    /** The kernel's kexec switches: support compiled in, not disabled, loads left. */
    CheckResult kexecEnabled() {
        Optional<String> disabled = files.stripped("/proc/sys/kernel/kexec_load_disabled");
        if (disabled.isEmpty()) {
            return CheckResult.fail(
                    Preflight.KEXEC_ENABLED,
                    "the running kernel has no kexec support (no /proc/sys/kernel/kexec_load_disabled)");
        }
        if (!disabled.get().equals("0")) {
            return CheckResult.fail(
                    Preflight.KEXEC_ENABLED,
                    "kernel.kexec_load_disabled=" + disabled.get() + ": kexec is off until the next boot");
        }
        Optional<String> limit = files.stripped("/proc/sys/kernel/kexec_load_limit_reboot");
        if (limit.isPresent() && limit.get().equals("0")) {
            return CheckResult.fail(
                    Preflight.KEXEC_ENABLED, "kernel.kexec_load_limit_reboot=0: no kexec load is allowed any more");
        }
        return CheckResult.pass(Preflight.KEXEC_ENABLED, "kernel.kexec_load_disabled=0");
    }

    private Optional<String> uname() {
        try {
            Processes.ProcessResult result = processes.run(List.of("uname", "-m"), UNAME_DEADLINE);
            return result.ok() ? Optional.of(result.stdout().strip()) : Optional.empty();
        } catch (Processes.ProcessException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> field(String status, String name) {
        return status.lines()
                .filter(line -> line.startsWith(name))
                .findFirst()
                .map(line -> line.substring(name.length()).strip());
    }
}
