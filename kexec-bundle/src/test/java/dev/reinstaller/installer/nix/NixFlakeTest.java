package dev.reinstaller.installer.nix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flake's {@code outputs} function called with stub inputs (tests/flake-outputs.nix: a fake
 * nixpkgs whose lib.nixosSystem returns its arguments): attribute names and module wiring, without
 * nixpkgs.
 */
class NixFlakeTest {
    private static JsonNode outputs;

    @BeforeAll
    static void evaluate() {
        outputs = NixInstantiate.require().eval(NixInstantiate.TESTS.resolve("flake-outputs.nix"), Map.of());
    }

    @Test
    void outputsMatchTheExpectedShape() {
        assertThat(Json.canonical(outputs))
                .isEqualTo(Json.canonical(
                        NixInstantiate.readJson(NixInstantiate.TESTS.resolve("expected/flake-outputs.json"))));
    }

    @Test
    void nixpkgsIsPinnedToAReleaseBranch() {
        assertThat(outputs.get("nixpkgsUrl").asText()).matches("github:NixOS/nixpkgs/nixos-\\d\\d\\.\\d\\d");
    }

    @Test
    void everySystemHasTheBundleTheAgentAndTheInstaller() {
        for (String system : new String[] {"x86_64-linux", "aarch64-linux"}) {
            JsonNode packages = outputs.at("/packages/" + system);
            assertThat(packages.fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("agent", "bundle", "default", "installer", "jars");
            JsonNode bundle = packages.get("bundle");
            assertThat(bundle.get("package").asText()).isEqualTo("bundle.nix");
            assertThat(bundle.at("/plain/arch").asText()).isEqualTo(system.replace("-linux", ""));
            assertThat(Json.texts(bundle.get("argNames"))).contains("ramdisk");
            assertThat(packages.get("default")).isEqualTo(bundle);
            assertThat(packages.at("/installer/plain/name").asText()).isEqualTo("reinstaller-installer");
            assertThat(packages.at("/agent/plain/name").asText()).isEqualTo("reinstaller-agent");
            assertThat(Json.texts(outputs.at("/checks/" + system))).contains("lib", "ramdisk");
        }
        assertThat(Json.texts(outputs.at("/checks/x86_64-linux"))).contains("host-network");
        assertThat(outputs.at("/hostNetworkTest/stub").asText()).isEqualTo("runNixOSTest");
    }

    @Test
    void theRamdiskOfEachSystemGetsItsPlatformAndTheInstaller() {
        for (String system : new String[] {"x86_64-linux", "aarch64-linux"}) {
            JsonNode modules = outputs.at("/nixosConfigurations/ramdisk-" + system);
            assertThat(modules.get(0).asText()).isEqualTo("imports ramdisk.nix");
            assertThat(modules.at("/1/nixpkgs/hostPlatform").asText()).isEqualTo(system);
            JsonNode installer = modules.at("/1/reinstaller/ramdisk/installerPackage");
            assertThat(installer.at("/plain/name").asText()).isEqualTo("reinstaller-installer");
            assertThat(installer.get("system").asText()).isEqualTo(system);
            JsonNode inputs = modules.at("/1/reinstaller/ramdisk/hostFlakeInputs");
            assertThat(inputs.at("/reinstaller/url").asText())
                    .isEqualTo("github:reinstaller/reinstaller/" + "2".repeat(40) + "?dir=kexec-bundle");
            assertThat(inputs.at("/reinstaller/storePath").asText()).endsWith("-source");
            assertThat(inputs.at("/nixpkgs/url").asText()).isEqualTo("github:NixOS/nixpkgs/" + "1".repeat(40));
            assertThat(inputs.at("/nixpkgs/narHash").asText()).startsWith("sha256-");
        }
    }

    @Test
    void mkHostAppliesTheHostModuleThenTheOperatorsModules() {
        assertThat(outputs.at("/nixosModules/host").asText()).isEqualTo("imports host.nix");
        assertThat(outputs.at("/nixosModules/default").asText()).isEqualTo("imports host.nix");
        JsonNode modules = outputs.get("mkHost");
        assertThat(modules).hasSize(3);
        assertThat(modules.get(0).asText()).isEqualTo("imports host.nix");
        assertThat(modules.at("/1/reinstaller/runtimeInfo").asText()).isEqualTo("runtime info of web-01");
        assertThat(modules.at("/2/networking/domain").asText()).isEqualTo("example.org");
        assertThat(outputs.get("mkHostFromAttrs").asBoolean())
                .as("mkHost takes runtime-info.json's path or its content")
                .isTrue();
        assertThat(Json.texts(outputs.get("lib"))).contains("mkHost", "settingsFor");
    }
}
