package dev.reinstaller.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the kernel command line and the secrets cpio for one boot. Runtime info goes inline while
 * the whole line fits {@link KernelCommandLine#MAX_BYTES}; otherwise it moves to the cpio. Secrets
 * always go to the cpio, never to the line.
 */
public final class BootEncoder {
    /** Files are readable by root only. */
    public static final int FILE_MODE = 0400;

    public static final int DIRECTORY_MODE = 0700;

    private BootEncoder() {}

    /**
     * What to encode.
     *
     * @param info runtime info
     * @param baseParameters the bundle's own parameters (e.g. {@code init=...}), counted in the budget
     * @param confirm token for an unattended run: printable ASCII without spaces, quotes or backslashes
     * @param deadline watchdog deadline when not the default, whole seconds within the range the decoder
     *     accepts
     * @param infoInCpio put runtime info in the cpio even when it would fit inline
     * @param wipe what the installer does to the old data; only {@link Wipe#NONE} is written out
     * @param after what the installer does once done; only {@link After#POWEROFF} is written out
     */
    public record Request(
            RuntimeInfo info,
            String baseParameters,
            Optional<String> confirm,
            Optional<Duration> deadline,
            boolean infoInCpio,
            Wipe wipe,
            After after) {
        public Request {
            Check.present("info", info);
            baseParameters = baseParameters == null ? "" : baseParameters.strip();
            Check.present("confirm", confirm);
            Check.present("deadline", deadline);
            Check.present("wipe", wipe);
            Check.present("after", after);
            // Refuse here what the installer's decoder would refuse at boot, when it is too late to fix.
            confirm.ifPresent(token -> Check.token("confirm", token, 512));
            deadline.ifPresent(Request::checkDeadline);
        }

        private static void checkDeadline(Duration d) {
            if (d.getNano() != 0
                    || d.compareTo(BootParameters.MIN_DEADLINE) < 0
                    || d.compareTo(BootParameters.MAX_DEADLINE) > 0) {
                throw new InvalidFieldException(
                        "deadline",
                        "must be whole seconds between " + BootParameters.MIN_DEADLINE.toSeconds() + " and "
                                + BootParameters.MAX_DEADLINE.toSeconds() + ", got " + d);
            }
        }

        /** A request with the default wipe ({@link Wipe#ZERO}) and a reboot at the end. */
        public Request(
                RuntimeInfo info,
                String baseParameters,
                Optional<String> confirm,
                Optional<Duration> deadline,
                boolean infoInCpio) {
            this(info, baseParameters, confirm, deadline, infoInCpio, Wipe.ZERO, After.REBOOT);
        }

        public static Request of(RuntimeInfo info) {
            return new Request(info, "", Optional.empty(), Optional.empty(), false);
        }
    }

    /**
     * The result.
     *
     * @param commandLine the whole line (base parameters first)
     * @param ours only the {@code reinstaller.*} parameters
     * @param infoInCpio whether runtime info travels in the cpio
     * @param cpioEntries the non-secret cpio members (runtime info and its directory)
     */
    public record Encoded(String commandLine, String ours, boolean infoInCpio, List<Cpio.Entry> cpioEntries) {
        public Encoded {
            cpioEntries = List.copyOf(cpioEntries);
        }
    }

    public static Encoded encode(Request request) {
        InfoCodec.Encoded info = InfoCodec.encode(request.info());
        String tail = tail(request);
        String inline = BootParameters.VERSION + "=" + RuntimeInfo.SCHEMA_VERSION + " " + BootParameters.CRC + "="
                + info.crc() + " " + BootParameters.INFO + "=" + info.info() + tail;
        String line = join(request.baseParameters(), inline);
        if (!request.infoInCpio() && KernelCommandLine.fits(line)) {
            return new Encoded(
                    line, inline, false, List.of(Cpio.Entry.directory(BootParameters.CPIO_DIR, DIRECTORY_MODE)));
        }
        String viaCpio = BootParameters.VERSION + "=" + RuntimeInfo.SCHEMA_VERSION + " " + BootParameters.CRC + "="
                + info.crc() + " " + BootParameters.INFO + "=" + BootParameters.INFO_IN_CPIO + tail;
        line = join(request.baseParameters(), viaCpio);
        if (!KernelCommandLine.fits(line)) {
            throw new IllegalArgumentException("the kernel command line needs "
                    + (KernelCommandLine.byteLength(line) + 1) + " bytes with runtime info in the cpio, more than the "
                    + KernelCommandLine.MAX_BYTES + " kexec_file_load accepts: shorten the bundle's boot parameters"
                    + " or the confirmation token");
        }
        List<Cpio.Entry> entries = new ArrayList<>();
        entries.add(Cpio.Entry.directory(BootParameters.CPIO_DIR, DIRECTORY_MODE));
        entries.add(Cpio.Entry.file(BootParameters.CPIO_INFO, FILE_MODE, info.json()));
        return new Encoded(line, viaCpio, true, entries);
    }

    /** A secret file for the cpio, e.g. the disk key; mode 0400 under {@code reinstaller/}. */
    public static Cpio.Entry secret(String path, byte[] data) {
        if (!path.startsWith(BootParameters.CPIO_DIR + "/")) {
            throw new IllegalArgumentException("secrets live under " + BootParameters.CPIO_DIR + "/, not " + path);
        }
        return Cpio.Entry.file(path, FILE_MODE, data);
    }

    private static String tail(Request request) {
        return settings(request.confirm(), request.deadline(), request.wipe(), request.after());
    }

    /**
     * The parameters after the runtime info, each with its leading space: the token, the deadline, and
     * the wipe and the end where they are not the defaults. A line of another source (metadata) ends
     * with them too.
     */
    public static String settings(Optional<String> confirm, Optional<Duration> deadline, Wipe wipe, After after) {
        StringBuilder out = new StringBuilder();
        confirm.ifPresent(token -> parameter(out, BootParameters.CONFIRM, token));
        deadline.ifPresent(d -> parameter(out, BootParameters.DEADLINE, Long.toString(d.toSeconds())));
        if (wipe != Wipe.ZERO) {
            parameter(out, BootParameters.WIPE, wipe.parameter());
        }
        if (after != After.REBOOT) {
            parameter(out, BootParameters.AFTER, after.parameter());
        }
        return out.toString();
    }

    private static void parameter(StringBuilder out, String name, String value) {
        out.append(' ').append(name).append('=').append(value);
    }

    private static String join(String base, String ours) {
        return base.isEmpty() ? ours : base + " " + ours;
    }
}
