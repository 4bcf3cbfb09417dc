package dev.reinstaller.installer.nix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reinstaller.installer.flake.FlakeFixtures;
import dev.reinstaller.installer.flake.HostFlake;
import dev.reinstaller.protocol.Nic;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every host flake the installer writes, for each runtime-info fixture: it parses, and its
 * {@code outputs} evaluated against this repository's flake, with nixpkgs's real lib and module
 * system over NixOS's option declarations (tests/host-flake.nix), give one
 * {@code nixosConfigurations.<host>} made by {@code mkHost} from the host module, the runtime info
 * and the operator's module, with the flake's inputs as specialArgs, whose config is what
 * {@code nixos-rebuild} builds (networkd by MAC, initrd unlock, registry entry, rollback when on); the
 * lock file's nodes agree with the inputs; and the lib derives the platform and the initrd modules of
 * the disk controller and NICs from the same runtime-info.json.
 */
class HostFlakeNixTest {
    @TempDir
    Path dir;

    static List<String> fixtures() {
        return FlakeFixtures.names();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void theHostFlakeParsesAndEvaluatesAgainstThisFlake(String fixture) throws IOException {
        NixInstantiate nix = NixInstantiate.require();
        RuntimeInfo info = FlakeFixtures.info(fixture);
        Path flake = write(fixture, info, Optional.empty());

        NixInstantiate.Outcome parsed =
                nix.run(List.of("--parse", flake.resolve("flake.nix").toString()));
        assertThat(parsed.exitCode()).as(parsed.stderr()).isZero();

        JsonNode result = evaluate(nix, flake);
        JsonNode host = result.at("/configurations/" + info.hostName());
        assertThat(result.get("configurations").size()).isEqualTo(1);
        JsonNode config = host.get("config");
        for (Nic nic : info.nics()) {
            String unit = "10-" + nic.mac().replace(":", "");
            assertThat(config.at("/systemd/network/networks/" + unit + "/matchConfig/MACAddress")
                            .asText())
                    .isEqualTo(nic.mac());
            assertThat(config.at("/boot/initrd/systemd/network/networks/" + unit + "/matchConfig/MACAddress")
                            .asText())
                    .isEqualTo(nic.mac());
        }
        assertThat(config.at("/networking/hostName").asText()).isEqualTo(info.hostName());
        assertThat(config.at("/boot/initrd/network/ssh/port").asInt()).isEqualTo(2222);
        assertThat(config.at("/nix/registry/installed/to/path").asText()).isEqualTo("/persist/etc/nixos");
        assertThat(config.at("/environment/etc/nixos/source").asText()).isEqualTo("/persist/etc/nixos");
        assertThat(Json.texts(host.get("modules")))
                .containsExactly("imports host.nix", "runtime info of " + info.hostName());
        assertThat(Json.texts(host.get("specialArgs"))).containsExactly("inputs");
        assertThat(Json.texts(host.get("specialInputs"))).containsExactlyInAnyOrder("nixpkgs", "reinstaller", "self");

        assertThat(result.at("/lock/version").asInt()).isEqualTo(7);
        assertThat(result.at("/lock/rootInputs/nixpkgs").asText()).isEqualTo("nixpkgs");
        assertThat(result.at("/lock/rootInputs/reinstaller").asText()).isEqualTo("reinstaller");
        assertThat(result.at("/lock/reinstallerFollows/nixpkgs/0").asText()).isEqualTo("nixpkgs");
        assertThat(result.at("/follows/reinstaller/nixpkgs").asText()).isEqualTo("nixpkgs");
        assertThat(result.at("/lock/original/nixpkgs/rev").asText())
                .as("flake.nix's nixpkgs URL and the lock's original agree")
                .isEqualTo(result.at("/inputUrls/nixpkgs").asText().substring("github:NixOS/nixpkgs/".length()));
        assertThat(result.at("/lock/locked/reinstaller/narHash").asText()).startsWith("sha256-");

        assertThat(result.at("/hardware/hostPlatform").asText())
                .isEqualTo(info.arch().nixSystem());
        assertThat(Json.texts(result.at("/hardware/initrdModules"))).containsAll(drivers(info));
    }

    @Test
    void theOperatorsFlakeIsImportedAfterTheHostModule() throws IOException {
        NixInstantiate nix = NixInstantiate.require();
        RuntimeInfo info = FlakeFixtures.info("hetzner-dhcp");
        Path flake = write("with-extra", info, Optional.of("github:example/ops-modules"));

        JsonNode result = evaluate(nix, flake);

        JsonNode host = result.at("/configurations/" + info.hostName());
        assertThat(Json.texts(host.get("modules")))
                .containsExactly("imports host.nix", "runtime info of " + info.hostName(), "module operator-flake");
        assertThat(Json.texts(host.get("specialInputs"))).contains("extra");
        assertThat(result.at("/inputUrls/extra").asText()).isEqualTo("github:example/ops-modules");
        assertThat(result.at("/follows/extra/nixpkgs").asText()).isEqualTo("nixpkgs");
        assertThat(Json.texts(result.at("/lock/nodes"))).containsExactly("nixpkgs", "reinstaller", "root");
    }

    @Test
    void withRollbackOnTheHostRollsRootBackInTheInitrd() throws IOException {
        NixInstantiate nix = NixInstantiate.require();
        RuntimeInfo info = FlakeFixtures.info("two-nics");
        Path flake = write("rollback", info, Optional.empty());
        Path flakeNix = flake.resolve("flake.nix");
        String text = Files.readString(flakeNix);
        String modules = "modules = [ ];";
        assertThat(text).contains(modules);
        Files.writeString(
                flakeNix, text.replace(modules, "modules = [ { reinstaller.rollbackRoot.enable = true; } ];"));

        JsonNode config = evaluate(nix, flake).at("/configurations/" + info.hostName() + "/config");
        JsonNode unit = config.at("/boot/initrd/systemd/services/reinstaller-rollback-root");
        assertThat(Json.texts(unit.get("after"))).containsExactly("zfs-import-rpool.service");
        assertThat(Json.texts(unit.get("before"))).containsExactly("sysroot.mount");
    }

    private static JsonNode evaluate(NixInstantiate nix, Path flake) {
        return nix.eval(
                NixInstantiate.TESTS.resolve("host-flake.nix"),
                Map.of("dir", flake.toString(), "nixpkgsLib", NixInstantiate.nixpkgsLib()));
    }

    private Path write(String name, RuntimeInfo info, Optional<String> extra) throws IOException {
        HostFlake flake = new HostFlake(info.hostName(), FlakeFixtures.inputs(dir.resolve("ramdisk")), extra);
        Path out = Files.createDirectories(dir.resolve(name));
        Files.writeString(out.resolve("flake.nix"), flake.flakeNix());
        Files.writeString(out.resolve("flake.lock"), flake.flakeLock());
        Files.writeString(out.resolve("runtime-info.json"), RuntimeInfoJson.toPrettyString(info) + "\n");
        return out;
    }

    private static List<String> drivers(RuntimeInfo info) {
        List<String> drivers = new ArrayList<>();
        if (info.targetDisk().driver() != null) {
            drivers.add(info.targetDisk().driver().replace('-', '_'));
        }
        for (Nic nic : info.nics()) {
            if (nic.driver() != null) {
                drivers.add(nic.driver().replace('-', '_'));
            }
        }
        return drivers;
    }
}
