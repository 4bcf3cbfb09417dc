package dev.reinstaller.agent.install;

import dev.reinstaller.agent.kexec.InitrdImage;
import dev.reinstaller.agent.kexec.Kexec;
import dev.reinstaller.agent.kexec.KexecException;
import dev.reinstaller.agent.kexec.KexecReboot;
import dev.reinstaller.agent.kexec.LoadResult;
import dev.reinstaller.agent.preflight.Passphrase;
import dev.reinstaller.agent.preflight.Preflight;
import dev.reinstaller.agent.preflight.PreflightReport;
import dev.reinstaller.agent.preflight.PreflightRequest;
import dev.reinstaller.protocol.BootEncoder;
import dev.reinstaller.protocol.BootParameters;
import dev.reinstaller.protocol.ConfirmationToken;
import dev.reinstaller.protocol.Cpio;
import dev.reinstaller.protocol.Disk;
import dev.reinstaller.protocol.RuntimeInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code install}: check the key, the token and the host, then encode, load and reboot. Everything
 * that can refuse runs before anything is loaded. The disk key and the ramdisk host key go only into
 * the in-memory cpio appended to the initrd, never into the command line, argv or a progress line.
 */
public final class InstallService {
    private final Preflight preflight;
    private final Kexec kexec;
    private final KexecReboot reboot;
    private final Consumer<String> progress;

    /**
     * @param preflight the checks (run without the load probe: the real load follows)
     * @param kexec loads the image
     * @param reboot reboots into it
     * @param progress one line per step, for stderr; never given a secret
     */
    public InstallService(Preflight preflight, Kexec kexec, KexecReboot reboot, Consumer<String> progress) {
        this.preflight = preflight;
        this.kexec = kexec;
        this.reboot = reboot;
        this.progress = progress;
    }

    public InstallOutcome install(InstallRequest request) {
        byte[] key;
        switch (Passphrase.check(request.diskKey())) {
            case Passphrase.Accepted accepted -> key = accepted.key();
            case Passphrase.Rejected rejected -> {
                return new InstallOutcome.BadInput("the disk key " + rejected.reason());
            }
        }
        try {
            return install(request, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private InstallOutcome install(InstallRequest request, byte[] key) {
        RuntimeInfo info = request.info();
        String expected = ConfirmationToken.of(info);
        if (!ConfirmationToken.matches(expected, request.confirmationToken())) {
            Disk disk = info.targetDisk();
            return new InstallOutcome.Refused(
                    (request.confirmationToken() == null
                                    ? "no confirmation token given"
                                    : "the confirmation token does not match")
                            + ": this is machine " + info.machine().identity() + " with disk " + disk.name() + " ("
                            + (disk.serial() == null ? "no serial" : "serial " + disk.serial()) + ", "
                            + disk.sizeBytes() + " bytes); `reinstaller-agent plan` prints its token",
                    Optional.empty());
        }
        BootEncoder.Encoded encoded;
        try {
            encoded = BootEncoder.encode(new BootEncoder.Request(
                    info,
                    request.bundle().manifest().bootParameters(),
                    request.options().passConfirmation() ? Optional.of(expected) : Optional.empty(),
                    request.options().deadline(),
                    request.options().forceCpio(),
                    request.options().wipe(),
                    request.options().after()));
        } catch (IllegalArgumentException e) {
            return new InstallOutcome.BadInput(e.getMessage());
        }
        if (contains(encoded.commandLine().getBytes(StandardCharsets.UTF_8), key)) {
            return new InstallOutcome.Failed(
                    "refusing to load: the disk key appears in the kernel command line", Optional.empty());
        }
        progress.accept("preflight: running the checks");
        PreflightReport report = preflight.run(new PreflightRequest(
                request.bundle(), info, encoded.commandLine(), Optional.of(request.diskKey()), false));
        if (!report.passed()) {
            return new InstallOutcome.Refused(report.summary(), Optional.of(report));
        }
        List<Cpio.Entry> entries = new ArrayList<>(encoded.cpioEntries());
        entries.add(BootEncoder.secret(BootParameters.CPIO_DISK_KEY, key));
        request.ramdiskHostKey().ifPresent(host -> entries.add(BootEncoder.secret(BootParameters.CPIO_HOST_KEY, host)));
        request.options().extraFlake().ifPresent(url -> entries.add(line(BootParameters.CPIO_EXTRA_FLAKE, url)));
        request.options().closure().ifPresent(path -> entries.add(line(BootParameters.CPIO_CLOSURE, path)));
        LoadResult loaded;
        try (InitrdImage initrd = InitrdImage.of(request.bundle().initrdPath(), entries)) {
            progress.accept("loading " + request.bundle().kernelPath() + " and a " + initrd.size() + "-byte initrd ("
                    + entries.size() + " files appended, runtime info "
                    + (encoded.infoInCpio() ? "in the cpio" : "on the command line") + ")");
            loaded = kexec.load(request.bundle().kernelPath(), initrd, encoded.commandLine());
        } catch (KexecException e) {
            return new InstallOutcome.Failed(e.getMessage(), Optional.of(e));
        }
        progress.accept("loaded with " + loaded.mechanism()
                + loaded.fallbackReason().map(r -> " (fallback: " + r + ")").orElse(""));
        if (!request.options().reboot()) {
            return new InstallOutcome.Loaded(report, loaded, encoded.commandLine(), encoded.infoInCpio());
        }
        return rebootIntoLoaded();
    }

    private InstallOutcome rebootIntoLoaded() {
        try {
            reboot.reboot();
            return failedAfterLoad("the reboot into the loaded kernel returned", null);
        } catch (KexecException e) {
            return failedAfterLoad("the reboot into the loaded kernel failed: " + e.getMessage(), e);
        }
    }

    /** A one-line cpio member (not a secret, but under the same root-only directory as the rest). */
    private static Cpio.Entry line(String path, String value) {
        return Cpio.Entry.file(path, BootEncoder.FILE_MODE, (value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code secret} occurs in {@code haystack}, compared as bytes so no String of it is made. */
    static boolean contains(byte[] haystack, byte[] secret) {
        for (int i = 0; i + secret.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + secret.length, secret, 0, secret.length)) {
                return true;
            }
        }
        return false;
    }

    /** The image holds the secrets: unload it rather than leave it staged. */
    private InstallOutcome failedAfterLoad(String reason, Throwable cause) {
        String unloaded;
        try {
            kexec.unload();
            unloaded = "; the image was unloaded";
        } catch (KexecException e) {
            unloaded = "; unloading the image failed too: " + e.getMessage();
        }
        return new InstallOutcome.Failed(reason + unloaded, Optional.ofNullable(cause));
    }
}
