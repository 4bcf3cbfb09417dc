package dev.reinstaller.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a whole {@code /proc/cmdline} into {@link BootParameters}, or the one {@link DecodeError} that
 * explains why not. Other parameters, their order and quoting do not matter.
 */
public final class BootDecoder {
    private static final List<String> KNOWN = List.of(
            BootParameters.VERSION,
            BootParameters.INFO,
            BootParameters.CRC,
            BootParameters.SOURCE,
            BootParameters.METADATA,
            BootParameters.CONFIRM,
            BootParameters.DEADLINE,
            BootParameters.WIPE,
            BootParameters.AFTER);
    private static final Pattern CRC = Pattern.compile("[0-9a-fA-F]{8}");
    private static final Pattern CONFIRM = Pattern.compile("[\\x21-\\x7e]{1,512}");

    private BootDecoder() {}

    public static Result<BootParameters> decode(String cmdline) {
        List<KernelCommandLine.Parameter> parameters = KernelCommandLine.parse(cmdline);
        Map<String, String> ours = new LinkedHashMap<>();
        String legacyInfo = null;
        for (KernelCommandLine.Parameter p : parameters) {
            if (p.name().equals(BootParameters.LEGACY_KEY)) {
                return Result.error(new DecodeError.DiskKeyOnCommandLine());
            }
            if (p.name().equals(BootParameters.LEGACY_INFO)) {
                legacyInfo = p.value() == null ? "" : p.value();
                continue;
            }
            if (!p.name().startsWith("reinstaller.")) {
                continue;
            }
            if (!KNOWN.contains(p.name())) {
                return Result.error(new DecodeError.UnknownParameter(p.name(), KNOWN));
            }
            String value = p.value() == null ? "" : p.value();
            String before = ours.putIfAbsent(p.name(), value);
            if (before != null && !before.equals(value)) {
                return Result.error(new DecodeError.Conflicting(p.name(), before, value));
            }
        }
        if (ours.isEmpty() && legacyInfo != null) {
            return decodeLegacy(legacyInfo)
                    .then(info -> Result.ok(new BootParameters(
                            new InfoSource.Legacy(info), Optional.empty(), BootParameters.DEFAULT_DEADLINE)));
        }
        return decodeOurs(ours);
    }

    private static Result<BootParameters> decodeOurs(Map<String, String> p) {
        String version = p.get(BootParameters.VERSION);
        if (version == null) {
            return Result.error(new DecodeError.Missing(
                    BootParameters.VERSION,
                    "boot with the parameters `reinstaller-agent cmdline` prints, or with reinstaller.v=1"
                            + " reinstaller.source=metadata"));
        }
        if (!version.equals(Integer.toString(RuntimeInfo.SCHEMA_VERSION))) {
            return Result.error(new DecodeError.UnsupportedVersion(version, RuntimeInfo.SCHEMA_VERSION));
        }
        Duration deadline = BootParameters.DEFAULT_DEADLINE;
        String deadlineText = p.get(BootParameters.DEADLINE);
        if (deadlineText != null) {
            Optional<Duration> parsed = seconds(deadlineText);
            if (parsed.isEmpty()) {
                return Result.error(new DecodeError.BadValue(
                        BootParameters.DEADLINE,
                        deadlineText,
                        "whole seconds between " + BootParameters.MIN_DEADLINE.toSeconds() + " and "
                                + BootParameters.MAX_DEADLINE.toSeconds()));
            }
            deadline = parsed.get();
        }
        String confirm = p.get(BootParameters.CONFIRM);
        if (confirm != null && !CONFIRM.matcher(confirm).matches()) {
            return Result.error(new DecodeError.BadValue(
                    BootParameters.CONFIRM, confirm, "the token `reinstaller-agent plan` prints"));
        }
        Optional<String> token = Optional.ofNullable(confirm);
        Duration watchdog = deadline;
        String wipeText = p.get(BootParameters.WIPE);
        Optional<Wipe> wipe = wipeText == null ? Optional.of(Wipe.ZERO) : Wipe.fromParameter(wipeText);
        if (wipe.isEmpty()) {
            return Result.error(new DecodeError.BadValue(BootParameters.WIPE, wipeText, "zero or none"));
        }
        String afterText = p.get(BootParameters.AFTER);
        Optional<After> after = afterText == null ? Optional.of(After.REBOOT) : After.fromParameter(afterText);
        if (after.isEmpty()) {
            return Result.error(new DecodeError.BadValue(BootParameters.AFTER, afterText, "reboot or poweroff"));
        }
        return source(p)
                .then(source -> Result.ok(new BootParameters(source, token, watchdog, wipe.get(), after.get())));
    }

    private static Result<InfoSource> source(Map<String, String> p) {
        String info = p.get(BootParameters.INFO);
        String source = p.get(BootParameters.SOURCE);
        String metadata = p.get(BootParameters.METADATA);
        if (source != null) {
            if (!source.equals("metadata")) {
                return Result.error(new DecodeError.BadValue(BootParameters.SOURCE, source, "metadata"));
            }
            if (info != null) {
                return Result.error(new DecodeError.Conflicting(BootParameters.SOURCE, "metadata", "info=" + info));
            }
            if (metadata == null) {
                return Result.ok(new InfoSource.Metadata(null));
            }
            return url(metadata).then(url -> Result.ok(new InfoSource.Metadata(url)));
        }
        if (metadata != null) {
            return Result.error(new DecodeError.BadValue(
                    BootParameters.METADATA, metadata, "only together with reinstaller.source=metadata"));
        }
        if (info == null) {
            return Result.error(new DecodeError.Missing(
                    BootParameters.INFO,
                    "give reinstaller.info=... and reinstaller.crc=..., or reinstaller.source=metadata"));
        }
        String crc = p.get(BootParameters.CRC);
        if (crc == null) {
            return Result.error(
                    new DecodeError.Missing(BootParameters.CRC, "it guards reinstaller.info against typos and cuts"));
        }
        if (!CRC.matcher(crc).matches()) {
            return Result.error(new DecodeError.BadValue(BootParameters.CRC, crc, "8 hex digits"));
        }
        if (info.equals(BootParameters.INFO_IN_CPIO)) {
            return Result.ok(new InfoSource.InCpio(crc.toLowerCase(java.util.Locale.ROOT)));
        }
        return InfoCodec.decode(info, crc).then(decoded -> Result.ok(new InfoSource.Inline(decoded)));
    }

    static Result<LegacyRuntimeInfo> decodeLegacy(String value) {
        byte[] json;
        try {
            json = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            return Result.error(new DecodeError.BadBase64(BootParameters.LEGACY_INFO, firstBad(value), e.getMessage()));
        }
        if (json.length == 0) {
            return Result.error(new DecodeError.BadBase64(BootParameters.LEGACY_INFO, 0, "the value is empty"));
        }
        return RuntimeInfoJson.read(json, BootParameters.LEGACY_INFO, LegacyRuntimeInfo.class);
    }

    private static int firstBad(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) && c < 0x80 || c == '+' || c == '/' || c == '=';
            if (!ok) {
                return i;
            }
        }
        return value.length();
    }

    private static Optional<Duration> seconds(String text) {
        if (!text.matches("[0-9]{1,6}")) {
            return Optional.empty();
        }
        Duration d = Duration.ofSeconds(Long.parseLong(text));
        if (d.compareTo(BootParameters.MIN_DEADLINE) < 0 || d.compareTo(BootParameters.MAX_DEADLINE) > 0) {
            return Optional.empty();
        }
        return Optional.of(d);
    }

    private static Result<URI> url(String text) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Result.ok(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        return Result.error(new DecodeError.BadValue(BootParameters.METADATA, text, "an http:// or https:// URL"));
    }

    /** The legacy parameter value for a legacy record (for tests and golden files). */
    static String encodeLegacy(LegacyRuntimeInfo info) {
        return Base64.getEncoder().encodeToString(RuntimeInfoJson.write(info));
    }
}
