package dev.reinstaller.agent.cli;

import dev.reinstaller.protocol.BootDecoder;
import dev.reinstaller.protocol.BootEncoder;
import dev.reinstaller.protocol.BootParameters;
import dev.reinstaller.protocol.Cpio;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import dev.reinstaller.protocol.InvalidFieldException;
import dev.reinstaller.protocol.KernelCommandLine;
import dev.reinstaller.protocol.Result;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.Wipe;
import java.net.URI;

/** The kernel command line of a manual boot (GRUB console or one-shot entry); never with a secret. */
final class ManualBoot {
    private ManualBoot() {}

    /**
     * A line and, when runtime info did not fit, the cpio that must be loaded as a second initrd.
     *
     * @param commandLine the whole line
     * @param ours only the reinstaller parameters
     * @param cpio runtime info as a newc archive, or null when it is on the line
     */
    record Line(String commandLine, String ours, byte[] cpio) {}

    static Line inline(RuntimeInfo info, String base, BootOptions boot) {
        BootEncoder.Encoded encoded;
        try {
            encoded = BootEncoder.encode(new BootEncoder.Request(
                    info, base, boot.confirm(), boot.deadline(), false, Wipe.ZERO, boot.after()));
        } catch (InvalidFieldException e) {
            throw new ExitException(ExitCode.BAD_INPUT, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.REFUSED, e.getMessage(), e);
        }
        byte[] cpio = encoded.infoInCpio() ? Cpio.write(encoded.cpioEntries()) : null;
        return checked(new Line(encoded.commandLine(), encoded.ours(), cpio));
    }

    static Line metadata(String base, URI metadataUrl, BootOptions boot) {
        StringBuilder ours = new StringBuilder(
                BootParameters.VERSION + "=" + RuntimeInfo.SCHEMA_VERSION + " " + BootParameters.SOURCE + "=metadata");
        if (metadataUrl != null) {
            ours.append(' ').append(BootParameters.METADATA).append('=').append(metadataUrl);
        }
        ours.append(BootEncoder.settings(boot.confirm(), boot.deadline(), Wipe.ZERO, boot.after()));
        String line = base.isEmpty() ? ours.toString() : base + " " + ours;
        if (!KernelCommandLine.fits(line)) {
            throw new ExitException(
                    ExitCode.REFUSED,
                    "the command line needs " + (KernelCommandLine.byteLength(line) + 1) + " bytes, more than the "
                            + KernelCommandLine.MAX_BYTES + " kexec_file_load accepts");
        }
        return checked(new Line(line, ours.toString(), null));
    }

    /** What we print must decode: a bad token, deadline or URL is caught here, not at boot. */
    private static Line checked(Line line) {
        if (BootDecoder.decode(line.commandLine()) instanceof Result.Error<?> error) {
            throw Cli.badInput(error.error());
        }
        return line;
    }
}
