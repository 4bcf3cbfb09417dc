package dev.reinstaller.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.fixture.TestMachine;
import dev.reinstaller.protocol.ConfirmationToken;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default run, every phase, against the Hetzner test machine with recording edges: the host flake
 * lands in /mnt/persist/etc/nixos without a secret, nixos-install runs from it (or from a closure) with TMPDIR on
 * the pool, its output becomes log events, and a failing nixos-install stops past the point of no
 * return with its last lines.
 */
class FullRunTest {
    private static final RuntimeInfo INFO = TestMachine.info();
    private static final String KEY = "correct horse battery staple";
    private static final String CLOSURE = "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nixos-system-web-01-25.11";

    @TempDir
    Path root;

    private final FakeEdges fakes = new FakeEdges().gatewaysAnswer();

    private TestMachine machine() {
        fakes.keygenWritesKeys(root);
        fakes.disk.output(
                "nixos-install",
                List.of("copying channel...", "installing the boot loader...", "installation finished!"));
        return new TestMachine(root)
                .hetzner()
                .flakeInputs()
                .cmdline(TestMachine.cmdline(INFO, Optional.of(ConfirmationToken.of(INFO)), false))
                .cpio("disk-key", (KEY + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theDefaultRunWritesTheHostFlakeInstallsFromItAndReboots() {
        machine();

        int code = fakes.runWith(root);

        assertThat(code).as(fakes.console()).isZero();
        List<String> commands = fakes.disk.commandLines();
        int flake = commands.indexOf(
                "file /mnt/persist/etc/nixos/flake.nix +" + fakes.disk.file("/mnt/persist/etc/nixos/flake.nix").length);
        assertThat(flake).isPositive();
        assertThat(commands.subList(flake, flake + 8))
                .containsExactly(
                        commands.get(flake),
                        "file /mnt/persist/etc/nixos/flake.lock +"
                                + fakes.disk.file("/mnt/persist/etc/nixos/flake.lock").length,
                        "file /mnt/persist/etc/nixos/runtime-info.json +"
                                + fakes.disk.file("/mnt/persist/etc/nixos/runtime-info.json").length,
                        "mkdir -p /mnt/tmp",
                        "chmod 1777 /mnt/tmp",
                        "nixos-install --root /mnt --no-root-passwd --no-channel-copy --flake /mnt/persist/etc/nixos#web-01",
                        "rm -rf /mnt/tmp",
                        commands.get(flake + 7));
        assertThat(commands.get(flake + 7)).startsWith("file /mnt/persist/reinstaller/install-manifest.json");
        assertThat(fakes.disk.environments()).containsExactly(Map.of("TMPDIR", "/mnt/tmp"));
        assertThat(text("/mnt/persist/etc/nixos/flake.nix"))
                .contains("nixosConfigurations.\"web-01\" = reinstaller.lib.mkHost");
        assertThat(text("/mnt/persist/etc/nixos/runtime-info.json"))
                .isEqualTo(RuntimeInfoJson.toPrettyString(INFO) + "\n");
        assertThat(fakes.console())
                .contains("\"type\":\"log\",\"phase\":\"install\",\"line\":\"installing the boot loader...\"}")
                .contains("\"type\":\"run-completed\"");
        assertThat(fakes.reboots).containsExactly("reboot");
        assertThat(fakes.resolved).containsExactly("cache.nixos.org");
        assertThat(fakes.cacheChecks).containsExactly("https://cache.nixos.org");
    }

    @Test
    void withAfterPoweroffTheLastEventSaysSoAndTheMachinePowersOff() {
        machine()
                .cmdline(TestMachine.cmdline(INFO, Optional.of(ConfirmationToken.of(INFO)), false)
                        + " reinstaller.after=poweroff");

        int code = fakes.runWith(root);

        assertThat(code).as(fakes.console()).isZero();
        assertThat(fakes.reboots).containsExactly("poweroff");
        // What the machine does next is announced once, by the reboot phase, before the run completes.
        assertThat(fakes.console().lines())
                .filteredOn(l -> l.contains("\"type\":\"rebooting\"") || l.contains("\"type\":\"powering-off\""))
                .singleElement()
                .asString()
                .contains("\"type\":\"powering-off\"")
                .contains("the new system boots when the machine is next started");
    }

    @Test
    void noFileOfTheHostFlakeHoldsASecret() {
        machine();

        assertThat(fakes.runWith(root)).as(fakes.console()).isZero();

        for (String file : List.of("flake.nix", "flake.lock", "runtime-info.json")) {
            assertThat(text("/mnt/persist/etc/nixos/" + file))
                    .as(file)
                    .doesNotContain(KEY)
                    .doesNotContain("PRIVATE KEY")
                    .doesNotContain("b3BlbnNzaC1rZXktdjEAAAAA");
        }
    }

    @Test
    void aClosureIsAwaitedInTheNewStoreThenInstalledWithoutTheFlakeBuild() {
        machine();
        int[] checks = {0};
        fakes.disk.fail(List.of("nix-store", "--store", "/mnt", "--check-validity", CLOSURE), 1);
        fakes.disk.onCommand("nix-store", argv -> {
            if (++checks[0] == 3) {
                fakes.disk.fail(argv, 0);
            }
        });

        int code = fakes.runWith(root, "--closure", CLOSURE);

        assertThat(code).as(fakes.console()).isZero();
        assertThat(checks[0]).isEqualTo(3);
        assertThat(fakes.console())
                .contains("\"type\":\"waiting\",\"phase\":\"install\",\"what\":\"system closure " + CLOSURE);
        assertThat(fakes.disk.commandLines())
                .contains("nixos-install --root /mnt --no-root-passwd --no-channel-copy --system " + CLOSURE)
                .noneMatch(l -> l.contains("--flake"));
        assertThat(fakes.cacheChecks)
                .as("a closure install needs no binary cache")
                .isEmpty();
        assertThat(fakes.disk.file("/mnt/persist/etc/nixos/flake.nix"))
                .as("the flake is written anyway, so the host can rebuild itself")
                .isNotNull();
    }

    @Test
    void aFailingNixosInstallStaysUpWithItsLastLines() {
        machine();
        fakes.disk.streamExit(argv -> 1);
        fakes.disk.output("nixos-install", List.of("building the system configuration...", "error: attribute missing"));

        int code = fakes.runWith(root);

        assertThat(code).isEqualTo(ExitCode.FAILED.code());
        assertThat(fakes.holds)
                .singleElement()
                .asString()
                .startsWith("install failed: nixos-install --root /mnt")
                .endsWith("exited with 1; last lines: building the system configuration... | error: attribute missing");
        assertThat(fakes.watchdog.reboots()).isEmpty();
        assertThat(fakes.reboots).isEmpty();
        assertThat(fakes.disk.commandLines()).noneMatch(l -> l.startsWith("zpool export"));
    }

    @Test
    void aBadClosurePathIsAUsageError() {
        assertThat(fakes.runWith(root, "--closure", "/tmp/system")).isEqualTo(ExitCode.USAGE.code());
        assertThat(fakes.err.toString()).contains("'/tmp/system' is not a Nix store path");
        assertThat(fakes.runWith(root, "--extra-flake", "x y")).isEqualTo(ExitCode.USAGE.code());
    }

    private String text(String path) {
        return new String(fakes.disk.file(path), StandardCharsets.UTF_8);
    }
}
