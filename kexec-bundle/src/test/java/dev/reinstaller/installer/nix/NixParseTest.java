package dev.reinstaller.installer.nix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every .nix file of the flake parses ({@code nix-instantiate --parse}). */
class NixParseTest {

    static List<Path> nixFiles() throws IOException {
        try (Stream<Path> files = Files.walk(NixInstantiate.NIX_DIR)) {
            return Stream.concat(
                            Stream.of(NixInstantiate.FLAKE),
                            files.filter(p -> p.toString().endsWith(".nix")))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void theFlakeHasItsModulesLibAndTests() throws IOException {
        assertThat(nixFiles())
                .extracting(
                        p -> NixInstantiate.NIX_DIR.getParent().relativize(p).toString())
                .contains(
                        "flake.nix",
                        "nix/lib/default.nix",
                        "nix/lib/network.nix",
                        "nix/lib/hardware.nix",
                        "nix/lib/storage.nix",
                        "nix/modules/host.nix",
                        "nix/modules/ramdisk.nix",
                        "nix/pkgs/bundle.nix",
                        "nix/tests/host-vm.nix");
    }

    @TestFactory
    Stream<DynamicTest> everyNixFileParses() throws IOException {
        NixInstantiate nix = NixInstantiate.require();
        return nixFiles().stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    NixInstantiate.Outcome outcome = nix.run(List.of("--parse", file.toString()));
                    assertThat(outcome.exitCode())
                            .as("nix-instantiate --parse %s:%n%s", file, outcome.stderr())
                            .isZero();
                }));
    }

    @Test
    void aSyntaxErrorIsReported(@TempDir Path dir) throws IOException {
        NixInstantiate nix = NixInstantiate.require();
        Path broken = Files.writeString(dir.resolve("broken.nix"), "{ a = ; }\n");
        NixInstantiate.Outcome outcome = nix.run(List.of("--parse", broken.toString()));
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.stderr()).contains("syntax error");
    }
}
