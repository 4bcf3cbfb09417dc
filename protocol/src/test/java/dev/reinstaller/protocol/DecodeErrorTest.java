package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One realistic command line per {@link DecodeError} variant; each message names where the problem is. */
class DecodeErrorTest {
    private static final String BASE = "BOOT_IMAGE=/vmlinuz init=/nix/store/0c5n-nixos-system/init loglevel=4";
    private static final String LINE = BootEncoder.encode(new BootEncoder.Request(
                    Hosts.hetzner(), BASE, Optional.of(ConfirmationToken.of(Hosts.hetzner())), Optional.empty(), false))
            .commandLine();

    private static DecodeError decode(String cmdline) {
        Result<BootParameters> result = BootDecoder.decode(cmdline);
        assertThat(result).as(cmdline).isInstanceOf(Result.Error.class);
        return ((Result.Error<BootParameters>) result).error();
    }

    /** The line with one parameter's value replaced. */
    private static String with(String name, String value) {
        assertThat(Wire.parameter(LINE, name)).as("%s is on the line", name).isNotNull();
        return KernelCommandLine.parse(LINE).stream()
                .map(p -> p.name().equals(name) ? name + "=" + value : p.toString())
                .collect(Collectors.joining(" "));
    }

    private static String without(String name) {
        return KernelCommandLine.parse(LINE).stream()
                .filter(p -> !p.name().equals(name))
                .map(KernelCommandLine.Parameter::toString)
                .collect(Collectors.joining(" "));
    }

    /** {@code reinstaller.info} and a matching {@code reinstaller.crc} for arbitrary JSON bytes. */
    private static String withJson(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        String info = Base64.getUrlEncoder().withoutPadding().encodeToString(InfoCodec.deflate(bytes));
        return without(BootParameters.INFO)
                .replace(
                        BootParameters.CRC + "=" + Wire.parameter(LINE, BootParameters.CRC),
                        BootParameters.CRC + "=" + InfoCodec.crc(bytes) + " " + BootParameters.INFO + "=" + info);
    }

    @Test
    void theRealisticLineDecodes() {
        assertThat(BootDecoder.decode(LINE).orThrow().source()).isEqualTo(new InfoSource.Inline(Hosts.hetzner()));
    }

    @Test
    void missing() {
        assertThat(decode(without(BootParameters.VERSION)))
                .isInstanceOfSatisfying(
                        DecodeError.Missing.class,
                        e -> assertThat(e.message())
                                .startsWith("reinstaller.v is missing: ")
                                .contains("reinstaller-agent cmdline"));
        assertThat(decode(without(BootParameters.CRC)))
                .isEqualTo(new DecodeError.Missing(
                        "reinstaller.crc", "it guards reinstaller.info against typos and cuts"));
        assertThat(decode(without(BootParameters.INFO)).message())
                .startsWith("reinstaller.info is missing: ")
                .contains("reinstaller.source=metadata");
    }

    @Test
    void unsupportedVersion() {
        DecodeError error = decode(with(BootParameters.VERSION, "2"));
        assertThat(error).isEqualTo(new DecodeError.UnsupportedVersion("2", 1));
        assertThat(error.message())
                .startsWith("reinstaller.v=2 is not supported")
                .contains("schema version 1");
    }

    @Test
    void unknownParameter() {
        String typo = LINE.replace("reinstaller.confirm=", "reinstaller.confrim=");
        DecodeError error = decode(typo);
        assertThat(error)
                .isInstanceOfSatisfying(
                        DecodeError.UnknownParameter.class,
                        e -> assertThat(e.parameter()).isEqualTo("reinstaller.confrim"));
        assertThat(error.message())
                .startsWith("reinstaller.confrim is not a known parameter")
                .contains("reinstaller.confirm");
    }

    @Test
    void conflicting() {
        DecodeError twice = decode(LINE + " reinstaller.crc=00000000");
        assertThat(twice)
                .isEqualTo(new DecodeError.Conflicting(
                        "reinstaller.crc", Wire.parameter(LINE, BootParameters.CRC), "00000000"));
        assertThat(twice.message()).startsWith("reinstaller.crc is given twice with different values");
        DecodeError infoAndMetadata = decode(LINE + " reinstaller.source=metadata");
        assertThat(infoAndMetadata).isInstanceOf(DecodeError.Conflicting.class);
        assertThat(infoAndMetadata.message())
                .startsWith("reinstaller.source is given twice")
                .contains("info=");
        assertThat(BootDecoder.decode(LINE + " " + LINE).orThrow().source())
                .as("the same value twice is no conflict")
                .isEqualTo(new InfoSource.Inline(Hosts.hetzner()));
    }

    @Test
    void badValue() {
        assertThat(decode(with(BootParameters.CRC, "5b6ffd8")))
                .isEqualTo(new DecodeError.BadValue("reinstaller.crc", "5b6ffd8", "8 hex digits"));
        assertThat(decode(LINE + " reinstaller.deadline=5").message())
                .isEqualTo("reinstaller.deadline='5' is invalid: expected whole seconds between 10 and 86400");
        assertThat(decode(LINE + " reinstaller.deadline=15m")).isInstanceOf(DecodeError.BadValue.class);
        assertThat(decode(LINE + " reinstaller.wipe=random"))
                .isEqualTo(new DecodeError.BadValue("reinstaller.wipe", "random", "zero or none"));
        assertThat(decode(with(BootParameters.CONFIRM, "58631442:drive\u00e9")).message())
                .startsWith("reinstaller.confirm=");
        assertThat(decode("reinstaller.v=1 reinstaller.source=cloud").message())
                .startsWith("reinstaller.source='cloud' is invalid");
        assertThat(decode("reinstaller.v=1 reinstaller.source=metadata reinstaller.metadata=ftp://169.254.169.254/")
                        .message())
                .startsWith(
                        "reinstaller.metadata='ftp://169.254.169.254/' is invalid: expected an http:// or https:// URL");
    }

    @Test
    void badBase64() {
        String info = Wire.parameter(LINE, BootParameters.INFO);
        DecodeError padded = decode(with(BootParameters.INFO, info + "=="));
        assertThat(padded)
                .isInstanceOfSatisfying(
                        DecodeError.BadBase64.class, e -> assertThat(e.offset()).isEqualTo(info.length()));
        assertThat(padded.message()).startsWith("reinstaller.info is not valid base64 at character " + info.length());
        DecodeError plus = decode(with(BootParameters.INFO, info.substring(0, 10) + "+" + info.substring(11)));
        assertThat(plus.message())
                .isEqualTo("reinstaller.info is not valid base64 at character 10: unexpected character '+'");
        String legacy = Wire.resource("golden/legacy-2021.cmdline").replace("runtime_info=\"eyJ", "runtime_info=\"e_J");
        assertThat(decode(legacy).message()).startsWith("runtime_info is not valid base64 at character 1");
    }

    @Test
    void badDeflate() {
        String info = Wire.parameter(LINE, BootParameters.INFO);
        String cut = info.substring(0, info.length() / 8 * 4);
        DecodeError error = decode(with(BootParameters.INFO, cut));
        assertThat(error).isInstanceOf(DecodeError.BadDeflate.class);
        assertThat(error.message())
                .startsWith("reinstaller.info does not inflate")
                .contains("cut or mistyped");
        DecodeError trailing = decode(with(BootParameters.INFO, info + "AAAA"));
        assertThat(trailing.message()).contains("bytes follow the end of the stream");
    }

    @Test
    void crcMismatch() {
        String crc = Wire.parameter(LINE, BootParameters.CRC);
        DecodeError error = decode(with(BootParameters.CRC, "00000000"));
        assertThat(error).isEqualTo(new DecodeError.CrcMismatch("00000000", crc));
        assertThat(error.message()).startsWith("reinstaller.crc=00000000 but the runtime info has crc " + crc);
    }

    @Test
    void invalidJson() {
        DecodeError error = decode(withJson("{\"schemaVersion\":1,\n\"hostName\":web-01}"));
        assertThat(error).isInstanceOfSatisfying(DecodeError.InvalidJson.class, e -> {
            assertThat(e.source()).isEqualTo("reinstaller.info");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(12);
        });
        assertThat(error.message()).startsWith("reinstaller.info is not valid JSON at line 2, column 12: ");
    }

    @Test
    void invalidField() {
        String json = new String(RuntimeInfoJson.toBytes(Hosts.hetzner()), StandardCharsets.UTF_8)
                .replace(
                        "\"cidr\":\"2a01:4f8:c012:3456::1/64\"",
                        "\"cidr\":\"2a01:4f8:c012:3456::1/64\",\"scope\":\"global\"");
        DecodeError error = decode(withJson(json));
        assertThat(error)
                .isInstanceOfSatisfying(
                        DecodeError.InvalidField.class,
                        e -> assertThat(e.path()).isEqualTo("nics[0].addresses[1].scope"));
        assertThat(error.message()).startsWith("reinstaller.info: field nics[0].addresses[1].scope is unknown");
    }

    @Test
    void diskKeyOnCommandLine() {
        String legacy = Wire.resource("golden/legacy-2021.cmdline").strip();
        String key = "disk_key=\""
                + Base64.getEncoder().encodeToString("correct horse\n".getBytes(StandardCharsets.UTF_8)) + "\"";
        for (String line : new String[] {
            legacy + " " + key, key + " " + legacy, LINE + " " + key, key, "quiet " + key + " -- single"
        }) {
            DecodeError error = decode(line);
            assertThat(error).as(line).isInstanceOf(DecodeError.DiskKeyOnCommandLine.class);
            assertThat(error.message())
                    .contains("disk_key=", "POST /disk-key", "console")
                    .doesNotContain("Y29y");
        }
    }
}
