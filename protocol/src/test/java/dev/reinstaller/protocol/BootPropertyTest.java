package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of the boot encoding over thousands of random hosts from fixed seeds. */
class BootPropertyTest {
    private static final int CASES = 2500;
    private static final String BASE =
            "init=/nix/store/0c5ncs2mlnxbq8pkkh2dnpq4kzdz3sk1-nixos-system-reinstaller-25.11/init loglevel=4";
    private static final List<String> OTHER_PARAMETERS = List.of(
            "quiet",
            "console=ttyS0,115200n8",
            "console=tty0",
            "root=UUID=4a3c1d2e-0f9b-4c8d-9e7f-6a5b4c3d2e1f",
            "foo=\"a b  c\"",
            "\"bar=d e\"",
            "systemd.unit=multi-user.target",
            "BOOT_IMAGE=/boot/vmlinuz-6.1.0-28-cloud-amd64",
            "--",
            "single",
            "reinstaller",
            "reinstaller_info=x",
            "ro");

    @Test
    void encodedBootsDecodeToTheSameInfoAndAlwaysFit() {
        RandomHosts hosts = new RandomHosts(1);
        int inCpio = 0;
        for (int i = 0; i < CASES; i++) {
            RuntimeInfo info = i % 8 == 7 ? hosts.withRsaKeys(1 + hosts.nextInt(60)) : hosts.any();
            Optional<String> confirm = hosts.nextBoolean() ? Optional.of(ConfirmationToken.of(info)) : Optional.empty();
            Optional<Duration> deadline = hosts.nextBoolean()
                    ? Optional.of(Duration.ofSeconds(10 + hosts.nextInt(86_390)))
                    : Optional.empty();
            BootEncoder.Encoded encoded =
                    BootEncoder.encode(new BootEncoder.Request(info, BASE, confirm, deadline, false));

            assertThat(KernelCommandLine.byteLength(encoded.commandLine()) + 1)
                    .as("case %d", i)
                    .isLessThanOrEqualTo(KernelCommandLine.MAX_BYTES);
            assertThat(encoded.commandLine())
                    .as("case %d", i)
                    .startsWith(BASE + " ")
                    .endsWith(encoded.ours());
            assertThat(Wire.decodeInfo(encoded)).as("case %d", i).isEqualTo(info);
            BootParameters parameters =
                    BootDecoder.decode(encoded.commandLine()).orThrow();
            assertThat(parameters.confirm()).as("case %d", i).isEqualTo(confirm);
            assertThat(parameters.deadline())
                    .as("case %d", i)
                    .isEqualTo(deadline.orElse(BootParameters.DEFAULT_DEADLINE));
            if (encoded.infoInCpio()) {
                inCpio++;
                String inline = BASE + " reinstaller.v=1 reinstaller.crc=00000000 reinstaller.info="
                        + InfoCodec.encode(info).info();
                assertThat(KernelCommandLine.fits(inline))
                        .as("case %d went to the cpio although it fits inline", i)
                        .isFalse();
            }
        }
        assertThat(inCpio).as("cases that needed the cpio").isBetween(CASES / 20, CASES / 4);
    }

    @Test
    void decodingIgnoresOtherParametersOrderQuotesAndTheInitSeparator() {
        RandomHosts hosts = new RandomHosts(2);
        Random shuffle = new Random(2);
        for (int i = 0; i < CASES; i++) {
            RuntimeInfo info = hosts.any();
            String token = hosts.token(60);
            BootEncoder.Encoded encoded =
                    BootEncoder.encode(new BootEncoder.Request(info, "", Optional.of(token), Optional.empty(), false));
            List<String> words = new ArrayList<>();
            for (KernelCommandLine.Parameter p : KernelCommandLine.parse(encoded.ours())) {
                words.add(quoteSometimes(p, shuffle));
                if (shuffle.nextInt(6) == 0) {
                    words.add(p.toString());
                }
            }
            for (int n = shuffle.nextInt(6); n > 0; n--) {
                words.add(OTHER_PARAMETERS.get(shuffle.nextInt(OTHER_PARAMETERS.size())));
            }
            Collections.shuffle(words, shuffle);
            String cmdline = joinWithRandomSpace(words, shuffle);

            BootParameters parameters = BootDecoder.decode(cmdline).orThrow();
            assertThat(parameters.source()).as("case %d: %s", i, cmdline).isEqualTo(new InfoSource.Inline(info));
            assertThat(parameters.confirm()).as("case %d", i).contains(token);
        }
    }

    private static String quoteSometimes(KernelCommandLine.Parameter p, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> p.name() + "=\"" + p.value() + "\"";
            case 1 -> "\"" + p.name() + "=" + p.value() + "\"";
            default -> p.toString();
        };
    }

    private static String joinWithRandomSpace(List<String> words, Random random) {
        StringBuilder out = new StringBuilder();
        if (random.nextBoolean()) {
            out.append(' ');
        }
        for (String word : words) {
            out.append(word).append(random.nextInt(5) == 0 ? "\t " : " ");
        }
        if (random.nextBoolean()) {
            out.append('\n');
        }
        return out.toString();
    }
}
