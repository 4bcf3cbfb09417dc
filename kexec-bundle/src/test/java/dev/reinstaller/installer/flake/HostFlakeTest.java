package dev.reinstaller.installer.flake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host flake's text against golden files: {@code host.flake.nix} and {@code host.flake.lock} for
 * the host {@value #GOLDEN_HOST}, {@code host-extra.flake.nix} with an operator flake. The flake is a
 * function of the host name and the operator flake alone (everything else comes from
 * runtime-info.json), so every runtime-info fixture of {@code nix/tests/fixtures} must give the golden
 * text with its own name in place of {@value #GOLDEN_HOST}, and the same lock. Regenerate them after
 * a deliberate change with {@code -Dreinstaller.updateGolden=true} and read the diff.
 */
class HostFlakeTest {
    static final Path GOLDEN = Path.of("src/test/resources/flake/golden").toAbsolutePath();
    static final String EXTRA = "github:example/ops-modules";
    static final String GOLDEN_HOST = "web-01";

    @TempDir
    Path scratch;

    static java.util.List<String> fixtures() {
        return FlakeFixtures.names();
    }

    static HostFlake flake(Path scratch, String fixture, Optional<String> extra) {
        return new HostFlake(FlakeFixtures.info(fixture).hostName(), FlakeFixtures.inputs(scratch), extra);
    }

    @Test
    void flakeNixAndLockMatchTheGoldenFiles() throws IOException {
        HostFlake flake = new HostFlake(GOLDEN_HOST, FlakeFixtures.inputs(scratch), Optional.empty());
        golden("host.flake.nix", flake.flakeNix());
        golden("host.flake.lock", flake.flakeLock());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixtureGivesTheGoldenFlakeUnderItsOwnName(String fixture) throws IOException {
        String name = FlakeFixtures.info(fixture).hostName();
        HostFlake flake = flake(scratch, fixture, Optional.empty());
        String golden = Files.readString(GOLDEN.resolve("host.flake.nix"));
        assertThat(golden).as("the golden flake names its host").contains("\"" + GOLDEN_HOST + "\"");
        assertThat(flake.flakeNix())
                .as("fixture %s (host %s)", fixture, name)
                .isEqualTo(golden.replace(GOLDEN_HOST, name));
        assertThat(flake.flakeLock()).isEqualTo(Files.readString(GOLDEN.resolve("host.flake.lock")));
    }

    @Test
    void anOperatorFlakeIsAnInputWhoseDefaultModuleIsImported() throws IOException {
        HostFlake flake = new HostFlake(GOLDEN_HOST, FlakeFixtures.inputs(scratch), Optional.of(EXTRA));
        golden("host-extra.flake.nix", flake.flakeNix());
        assertThat(flake.flakeNix())
                .contains("    extra.url = \"" + EXTRA + "\";\n")
                .contains("    extra.inputs.nixpkgs.follows = \"nixpkgs\";\n")
                .contains("modules = [ inputs.extra.nixosModules.default ];");
        assertThat(flake.flakeLock())
                .as("the operator's input is locked by Nix at install time")
                .isEqualTo(flake(scratch, "hetzner-dhcp", Optional.empty()).flakeLock())
                .doesNotContain("extra");
    }

    @Test
    void theLockPinsBothInputsWithTheirNarHashAndReinstallerFollowsNixpkgs() throws IOException {
        JsonNode lock = new ObjectMapper()
                .readTree(flake(scratch, "hetzner-dhcp", Optional.empty()).flakeLock());
        assertThat(lock.get("version").asInt()).isEqualTo(7);
        assertThat(lock.at("/nodes/root/inputs/reinstaller").asText()).isEqualTo("reinstaller");
        assertThat(lock.at("/nodes/reinstaller/inputs/nixpkgs/0").asText()).isEqualTo("nixpkgs");
        assertThat(lock.at("/nodes/reinstaller/locked/narHash").asText())
                .isEqualTo("sha256-zYP3abycq+2m0ONJ/k/Jxj4XC/iJUfSiDOjl9mY6ufc=");
        assertThat(lock.at("/nodes/reinstaller/locked/dir").asText()).isEqualTo("kexec-bundle");
        assertThat(lock.at("/nodes/reinstaller/original/rev").asText()).isEqualTo("2".repeat(40));
        assertThat(lock.at("/nodes/nixpkgs/locked/rev").asText()).isEqualTo("1".repeat(40));
        assertThat(lock.at("/nodes/nixpkgs/locked/lastModified").asLong()).isEqualTo(1760000000L);
    }

    @Test
    void badHostNamesAndExtraUrlsAreRefused() {
        FlakeInputs inputs = FlakeFixtures.inputs(scratch);
        assertThatThrownBy(() -> new HostFlake("web_01", inputs, Optional.empty()))
                .hasMessageContaining("'web_01' is not a host name");
        assertThatThrownBy(() -> new HostFlake("web-01", inputs, Optional.of("github:x/y\"; evil = \"")))
                .hasMessageContaining("is not a flake URL");
        assertThatThrownBy(() -> new HostFlake("web-01", inputs, Optional.of("no-scheme")))
                .hasMessageContaining("is not a flake URL");
    }

    private static void golden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("reinstaller.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual);
        }
        assertThat(file)
                .as("golden file %s (regenerate with -Dreinstaller.updateGolden=true)", name)
                .exists();
        assertThat(actual).isEqualTo(Files.readString(file));
    }
}
