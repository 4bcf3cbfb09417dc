package dev.reinstaller.agent.cli;

import dev.reinstaller.agent.bundle.Bundle;
import dev.reinstaller.agent.install.InstallOptions;
import dev.reinstaller.agent.install.InstallOutcome;
import dev.reinstaller.agent.install.InstallRequest;
import dev.reinstaller.agent.install.InstallService;
import dev.reinstaller.agent.kexec.Kexec;
import dev.reinstaller.agent.kexec.KexecReboot;
import dev.reinstaller.agent.preflight.Preflight;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.SshHostKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reinstaller-agent install}: preflight, encode, kexec. Refuses before anything is loaded
 * unless the confirmation token matches this machine and disk.
 */
@Command(
        name = "install",
        mixinStandardHelpOptions = true,
        description = {
            "Kexec into the reinstaller ramdisk, which wipes the target disk into an encrypted ZFS pool.",
            "Needs --confirm with the token `reinstaller-agent plan` prints (or typing it at a terminal)."
        })
final class InstallCommand implements Callable<Integer> {
    static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(90);

    private final AgentContext context;

    @Mixin
    CommonOptions common;

    @Mixin
    InfoOptions info;

    @Mixin
    DiskKeyOptions diskKey;

    @Mixin
    WipeOptions wipe;

    @Mixin
    DiskOnlyOption diskOnly = new DiskOnlyOption();

    @Option(names = "--bundle", paramLabel = "DIR", required = true, description = "Bundle directory.")
    Path bundleDirectory;

    @Mixin
    BootOptions boot = new BootOptions();

    @Option(names = "--info-in-cpio", description = "Send runtime info in the cpio even when it fits the line.")
    boolean infoInCpio;

    @Option(
            names = "--hold",
            description = "Do not pass the token to the installer: it waits for a confirmation over its API.")
    boolean hold;

    @Option(names = "--no-reboot", description = "Load the image but do not reboot into it.")
    boolean noReboot;

    @Option(
            names = "--extra-flake",
            paramLabel = "URL",
            description = "A flake whose nixosModules.default the installed host imports (e.g. github:me/hosts).")
    String extraFlake;

    @Option(
            names = "--closure",
            paramLabel = "STORE-PATH",
            description = "Install this prebuilt system closure instead of building; copy it to the new pool"
                    + " (nix copy) when the installer waits for it.")
    String closure;

    InstallCommand(AgentContext context) {
        this.context = context;
    }

    /** What is printed before the host goes away: what to pin and what to expect. */
    record Started(String host, String ramdiskHostKey, String ramdiskHostKeyFingerprint, String message) {}

    @Override
    public Integer call() {
        InstallOptions options = options();
        Bundle bundle = PreflightCommand.open(bundleDirectory);
        RuntimeInfo runtimeInfo = diskOnly.require(info.resolve(context));
        String token = boot.confirm != null
                ? boot.confirm
                : context.prompter()
                        .line("This WIPES " + runtimeInfo.targetDisk().devicePath() + ". Type the confirmation token"
                                + " from `reinstaller-agent plan`: ")
                        .orElseThrow(() -> new ExitException(
                                ExitCode.REFUSED, "--confirm TOKEN is required; `reinstaller-agent plan` prints it"));
        byte[] key = diskKey.read(context, true)
                .orElseThrow(() -> new ExitException(
                        ExitCode.BAD_INPUT,
                        "no disk key: give --disk-key-file FILE or --disk-key-stdin, or run on a terminal"));
        SshHostKey hostKey = SshHostKey.generate("reinstaller-ramdisk@" + runtimeInfo.hostName(), new SecureRandom());
        try {
            Started started = new Started(
                    runtimeInfo.hostName(),
                    hostKey.publicKeyLine(),
                    hostKey.fingerprint(),
                    noReboot ? "loading only" : "the host reboots into the installer; pin this host key for it");
            Kexec kexec = context.kexec().apply(bundle.kexecBinary());
            InstallService service = new InstallService(
                    new Preflight(context.paths(), context.processes(), kexec),
                    kexec,
                    new KexecReboot(
                            context.paths(),
                            context.processes(),
                            kexec,
                            SHUTDOWN_DEADLINE,
                            KexecReboot.Sleeper.system(),
                            context.err()::println),
                    context.err()::println);
            InstallRequest request =
                    new InstallRequest(runtimeInfo, bundle, token, key, Optional.of(hostKey.privateKeyFile()), options);
            return outcome(service, request, started);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(hostKey.privateKeyFile(), (byte) 0);
        }
    }

    /** The options, checked before anything is read or loaded: a bad value is bad input. */
    private InstallOptions options() {
        try {
            return new InstallOptions(
                    boot.deadline(),
                    infoInCpio,
                    !hold,
                    !noReboot,
                    Optional.ofNullable(extraFlake),
                    Optional.ofNullable(closure),
                    wipe.wipe(),
                    boot.after());
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.BAD_INPUT, e.getMessage(), e);
        }
    }

    private int outcome(InstallService service, InstallRequest request, Started started) {
        // The host key goes out before the reboot: after it, this process is gone.
        if (common.json()) {
            Cli.printJson(context.out(), started);
        } else {
            context.out().println("ramdisk host key: " + started.ramdiskHostKey());
            context.out().println("fingerprint:      " + started.ramdiskHostKeyFingerprint());
        }
        context.out().flush();
        InstallOutcome outcome = service.install(request);
        return switch (outcome) {
            case InstallOutcome.Loaded loaded -> {
                context.err().println(loaded.message());
                yield ExitCode.OK.code();
            }
            case InstallOutcome.Refused refused -> {
                refused.report().ifPresent(r -> context.err().println(r.summary()));
                throw new ExitException(ExitCode.REFUSED, refused.message());
            }
            case InstallOutcome.BadInput bad -> throw new ExitException(ExitCode.BAD_INPUT, bad.message());
            case InstallOutcome.Failed failed ->
                throw new ExitException(
                        ExitCode.FAILED, failed.message(), failed.cause().orElse(null));
        };
    }
}
