package dev.reinstaller.cloud.cli;

import dev.reinstaller.cloud.reinstall.Deadlines;
import dev.reinstaller.cloud.reinstall.ReinstallSettings;
import dev.reinstaller.protocol.After;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import dev.reinstaller.protocol.InstallSources;
import dev.reinstaller.protocol.Quoted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a reinstall is told besides where the hosts are: agent and bundle, the disk key, what to
 * install, what happens at the end, the waits and the output. {@code hetzner reinstall} and
 * {@code ssh reinstall} share all of it.
 */
final class InstallFlags {
    static final int INITRD_PORT = 2222;

    @Mixin
    DiskKeyOptions diskKey = new DiskKeyOptions();

    @Option(names = "--agent", paramLabel = "DIR", description = "Unpacked agent distribution.")
    Path agent;

    @Option(names = "--bundle", paramLabel = "DIR", description = "Kexec bundle directory.")
    Path bundle;

    @Option(
            names = "--extra-flake",
            paramLabel = "URL",
            description = "Flake whose nixosModules.default the installed host imports (e.g. github:me/hosts).")
    String extraFlake;

    @Option(
            names = "--closure",
            paramLabel = "STORE-PATH",
            description = "Install this prebuilt system closure instead of building in the ramdisk; it is copied"
                    + " with `nix copy` (Nix needed on this machine) when the installer waits for it.")
    String closure;

    @Option(
            names = "--no-unlock",
            description = "Stop when the installer reboots into the new system: do not unlock its pool through"
                    + " the initrd (port 2222) nor verify the installed host.")
    boolean noUnlock;

    @Option(
            names = "--after",
            paramLabel = "reboot|poweroff",
            defaultValue = "reboot",
            description = "What the installer does once the pool is exported: reboot (default), then unlock and"
                    + " verify; or poweroff, to snapshot the server or move its disk first: the server is then"
                    + " reported installed but not verified (powered off is not failed: no --on-failure"
                    + " recovery).")
    String after;

    @Option(
            names = "--boot-timeout",
            paramLabel = "SECONDS",
            defaultValue = "600",
            description = "Wait for the new initrd, and then for the installed host (default 600 each).")
    long bootTimeout;

    @Option(
            names = "--initrd-port",
            paramLabel = "PORT",
            defaultValue = "" + INITRD_PORT,
            hidden = true,
            description = "The installed system's initrd SSH port.")
    int initrdPort;

    @Option(names = "--result-file", paramLabel = "FILE", description = "Write the run's JSON result to FILE.")
    Path resultFile;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1", description = "Hosts at a time (default 1).")
    int parallel;

    @Option(
            names = "--remote-dir",
            paramLabel = "DIR",
            defaultValue = "/var/tmp/reinstaller",
            description = "Where agent and bundle go on the old host.")
    String remoteDir;

    @Option(
            names = "--ramdisk-timeout",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "Wait for the ramdisk's SSH (default 300).")
    long ramdiskTimeout;

    @Option(
            names = "--install-timeout",
            paramLabel = "SECONDS",
            defaultValue = "3600",
            description = "Wait for the installer's end (default 3600).")
    long installTimeout;

    @Option(
            names = "--ssh-port",
            paramLabel = "PORT",
            defaultValue = "22",
            description = "SSH port of old host, ramdisk and new host (default 22).")
    int sshPort;

    @Option(
            names = "--status-port",
            paramLabel = "PORT",
            defaultValue = "7700",
            hidden = true,
            description = "The installer's status API port on the ramdisk.")
    int statusPort;

    @Option(names = "--json", description = "JSON lines on stdout (stable field names).")
    boolean json;

    /** What can be checked before any host is looked up or reached: a bad value is a usage error. */
    void check() {
        if (parallel < 1) {
            throw new ExitException(ExitCode.USAGE, "--parallel must be at least 1");
        }
        afterInstall();
        try {
            Optional.ofNullable(extraFlake).map(String::strip).ifPresent(InstallSources::extraFlake);
            Optional.ofNullable(closure).map(String::strip).ifPresent(InstallSources::closure);
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.USAGE, e.getMessage(), e);
        }
    }

    /** The ports a firewall must let in: SSH, and the new initrd's. */
    int[] inboundPorts() {
        return new int[] {sshPort, INITRD_PORT};
    }

    private After afterInstall() {
        return After.fromParameter(after.strip())
                .orElseThrow(() ->
                        new ExitException(ExitCode.USAGE, "--after takes reboot or poweroff, not " + Quoted.of(after)));
    }

    /** @param diskOnlyConfirmation the operator accepts a token bound to the disk alone on a host without DMI identity */
    ReinstallSettings settings(CloudContext context, SshOptions ssh, boolean diskOnlyConfirmation) {
        Path agentDir = agent != null ? agent : home(context, "agent", "--agent");
        Path bundleDir = bundle != null ? bundle : home(context, "bundle", "--bundle");
        directory("--agent", agent == null, agentDir);
        directory("--bundle", bundle == null, bundleDir);
        try {
            return new ReinstallSettings(
                    agentDir,
                    bundleDir,
                    remoteDir,
                    ssh.identities(context),
                    ssh.knownHosts(context),
                    ssh.trustFirstUse,
                    sshPort,
                    statusPort,
                    initrdPort,
                    new Deadlines(
                            Deadlines.DEFAULT.connect(),
                            Deadlines.DEFAULT.step(),
                            Duration.ofSeconds(ramdiskTimeout),
                            Duration.ofSeconds(installTimeout),
                            Duration.ofSeconds(bootTimeout)),
                    Optional.ofNullable(extraFlake).map(String::strip),
                    Optional.ofNullable(closure).map(String::strip),
                    !noUnlock,
                    afterInstall(),
                    diskOnlyConfirmation);
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.USAGE, e.getMessage(), e);
        }
    }

    /** One wording for a missing directory, naming the option (or that it came from REINSTALLER_HOME). */
    private static void directory(String option, boolean fromHome, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ExitException(
                    ExitCode.BAD_INPUT,
                    option + " " + Quoted.of(dir.toString()) + (fromHome ? " (from $REINSTALLER_HOME)" : "")
                            + ": no such directory");
        }
    }

    private static Path home(CloudContext context, String part, String option) {
        String home = context.environment().getOrDefault("REINSTALLER_HOME", "");
        if (home.isBlank()) {
            throw new ExitException(ExitCode.USAGE, "give " + option + " DIR or set REINSTALLER_HOME");
        }
        return Path.of(home).resolve(part);
    }
}
