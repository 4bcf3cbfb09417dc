package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Command lines written by earlier builds must keep decoding. The golden lines are compared after
 * decoding: deflate output may differ between zlib versions, the JSON they carry may not.
 */
class GoldenFilesTest {
    private static final String HETZNER_JSON = Wire.resource("golden/hetzner.json");
    private static final String HETZNER_LINE =
            Wire.resource("golden/hetzner.cmdline").strip();
    private static final String LEGACY_JSON =
            Wire.resource("golden/legacy-2021.json").strip();
    private static final String LEGACY_LINE =
            Wire.resource("golden/legacy-2021.cmdline").strip();

    private static RuntimeInfo goldenInfo() {
        return RuntimeInfoJson.read(HETZNER_JSON.getBytes(StandardCharsets.UTF_8), "hetzner.json")
                .orThrow();
    }

    @Test
    void theGoldenLineDecodesToTheGoldenJson() {
        BootParameters parameters = BootDecoder.decode(HETZNER_LINE).orThrow();
        assertThat(parameters.source()).isEqualTo(new InfoSource.Inline(goldenInfo()));
        assertThat(parameters.confirm()).contains("58631442:drive-scsi0-0-0-0:40960000000");
        assertThat(parameters.deadline()).isEqualTo(BootParameters.DEFAULT_DEADLINE);
    }

    @Test
    void theGoldenJsonIsTheTypicalHetznerHost() {
        RuntimeInfo info = goldenInfo();
        assertThat(info).isEqualTo(Hosts.hetzner());
        assertThat(RuntimeInfoJson.toPrettyString(info)).isEqualTo(HETZNER_JSON);
        assertThat(ConfirmationToken.of(info)).isEqualTo(Wire.parameter(HETZNER_LINE, BootParameters.CONFIRM));
    }

    @Test
    void theCanonicalJsonStillHashesToTheGoldenCrc() {
        assertThat(InfoCodec.crc(RuntimeInfoJson.toBytes(goldenInfo())))
                .as("field order and left-out defaults of the compact JSON are part of the format")
                .isEqualTo(Wire.parameter(HETZNER_LINE, BootParameters.CRC));
    }

    @Test
    void encodingTheGoldenHostTodayDecodesTheSame() {
        BootEncoder.Encoded encoded = BootEncoder.encode(new BootEncoder.Request(
                goldenInfo(),
                "init=/nix/store/0c5ncs2mlnxbq8pkkh2dnpq4kzdz3sk1-nixos-system-reinstaller-25.11/init loglevel=4",
                Optional.of(ConfirmationToken.of(goldenInfo())),
                Optional.empty(),
                false));
        assertThat(encoded.infoInCpio()).isFalse();
        assertThat(Wire.decodeInfo(encoded)).isEqualTo(goldenInfo());
        assertThat(encoded.commandLine().length())
                .as("today's encoding is no longer than the golden one by more than a few characters")
                .isLessThanOrEqualTo(HETZNER_LINE.length() + 8);
    }

    @Test
    void theOriginalFormatDecodesAsLegacy() {
        BootParameters parameters = BootDecoder.decode(LEGACY_LINE).orThrow();
        assertThat(parameters.confirm()).isEmpty();
        assertThat(parameters.source()).isInstanceOf(InfoSource.Legacy.class);
        LegacyRuntimeInfo legacy = ((InfoSource.Legacy) parameters.source()).info();
        assertThat(legacy.hostName()).isEqualTo("web-01");
        assertThat(legacy.hostId()).isEqualTo("9e795e3c");
        assertThat(legacy.rootAuthorizedKeys()).containsExactly(Hosts.ALICE, Hosts.DEPLOY);
        assertThat(legacy.diskToFormat()).isEqualTo(Hosts.HETZNER_BY_ID);
        assertThat(legacy.networkInterface()).isEqualTo("ens3");
        assertThat(legacy.networkInterfaceModule()).isEqualTo("virtio_net");
        assertThat(legacy.ipv4())
                .isEqualTo(new LegacyRuntimeInfo.V4("116.203.45.67", 32, "172.31.1.1", "255.255.255.255"));
        assertThat(legacy.ipv6()).isEqualTo(new LegacyRuntimeInfo.V6("2a01:4f8:c012:3456::1", 64, "fe80::1"));
        assertThat(RuntimeInfoJson.read(LEGACY_JSON.getBytes(StandardCharsets.UTF_8), "legacy", LegacyRuntimeInfo.class)
                        .orThrow())
                .isEqualTo(legacy);
    }

    @Test
    void theLegacyLineCarriesTheCompactJsonAsTheOriginalWroteIt() {
        String value = Wire.parameter(LEGACY_LINE, BootParameters.LEGACY_INFO);
        assertThat(LEGACY_LINE).contains("runtime_info=\"" + value + "\"");
        assertThat(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8))
                .isEqualTo(LEGACY_JSON);
        assertThat(LEGACY_JSON)
                .startsWith("{\"hostName\":\"web-01\",\"hostId\":\"9e795e3c\",\"rootAuthorizedKeys\":[")
                .contains(
                        "\"ipv4\":{\"address\":\"116.203.45.67\",\"prefixLength\":32,\"gateway\":\"172.31.1.1\","
                                + "\"netmask\":\"255.255.255.255\"}",
                        "\"ipv6\":{\"address\":\"2a01:4f8:c012:3456::1\",\"prefixLength\":64,\"gateway\":\"fe80::1\"}");
    }

    @Test
    void theLegacyValueDecodesWithoutQuotesToo() {
        String unquoted = LEGACY_LINE.replace("\"", "");
        assertThat(BootDecoder.decode(unquoted).orThrow().source())
                .isEqualTo(BootDecoder.decode(LEGACY_LINE).orThrow().source());
    }

    @Test
    void aDiskKeyAnywhereOnTheLegacyLineIsRefused() {
        String[] words = LEGACY_LINE.split(" ");
        String key = "disk_key=\"c2VjcmV0IHBhc3NwaHJhc2UK\"";
        for (int at = 0; at <= words.length; at++) {
            List<String> line = new ArrayList<>(List.of(words));
            line.add(at, key);
            String cmdline = String.join(" ", line);
            assertThat(BootDecoder.decode(cmdline))
                    .as(cmdline)
                    .isEqualTo(Result.error(new DecodeError.DiskKeyOnCommandLine()));
        }
        assertThat(BootDecoder.decode(LEGACY_LINE + " disk_key"))
                .as("even without a value")
                .isEqualTo(Result.error(new DecodeError.DiskKeyOnCommandLine()));
    }
}
