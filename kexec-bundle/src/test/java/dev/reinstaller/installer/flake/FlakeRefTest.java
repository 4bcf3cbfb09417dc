package dev.reinstaller.installer.flake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.installer.system.InstallerPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlakeRefTest {
    private static final String REV = "a".repeat(40);
    private static final String HASH = "sha256-" + "B".repeat(43) + "=";

    @TempDir
    Path root;

    @Test
    void githubUrlsKeepWhatFlakeNixSaysInOriginalAndAddTheCommitWhenLocked() {
        FlakeInputs.Input pinned = new FlakeInputs.Input("github:o/r/" + REV + "?dir=sub", HASH, REV, 5L, null);
        assertThat(pinned.ref().original())
                .isEqualTo(Map.of("type", "github", "owner", "o", "repo", "r", "rev", REV, "dir", "sub"));
        assertThat(pinned.ref().locked(pinned))
                .isEqualTo(Map.of(
                        "type",
                        "github",
                        "owner",
                        "o",
                        "repo",
                        "r",
                        "rev",
                        REV,
                        "dir",
                        "sub",
                        "narHash",
                        HASH,
                        "lastModified",
                        5L));

        FlakeInputs.Input branch = new FlakeInputs.Input("github:NixOS/nixpkgs/nixos-25.11", HASH, REV, null, null);
        assertThat(branch.ref().original())
                .isEqualTo(Map.of("type", "github", "owner", "NixOS", "repo", "nixpkgs", "ref", "nixos-25.11"));
        assertThat(branch.ref().locked(branch)).containsEntry("rev", REV).doesNotContainKey("ref");
    }

    @Test
    void tarballsAndStorePathsLockWithTheirNarHash() {
        FlakeInputs.Input tarball = new FlakeInputs.Input(
                "https://example.org/src/" + REV + ".tar.gz?dir=kexec-bundle", HASH, null, null, null);
        assertThat(tarball.ref().locked(tarball))
                .isEqualTo(Map.of(
                        "type",
                        "tarball",
                        "url",
                        "https://example.org/src/" + REV + ".tar.gz",
                        "dir",
                        "kexec-bundle",
                        "narHash",
                        HASH));
        assertThat(tarball.ref().fetchable()).isTrue();
        FlakeInputs.Input store = new FlakeInputs.Input(
                "path:/nix/store/" + "0".repeat(32) + "-source?dir=kexec-bundle", HASH, null, null, null);
        assertThat(store.ref().original()).containsEntry("type", "path").containsEntry("dir", "kexec-bundle");
        assertThat(store.ref().fetchable()).isFalse();
    }

    @Test
    void urlsThatCannotBeLockedExactlyAreRefused() {
        assertThatThrownBy(() -> new FlakeInputs.Input("git+ssh://x/y", HASH, REV, null, null))
                .hasMessageContaining("neither github:, an https tarball nor a store path");
        assertThatThrownBy(() -> new FlakeInputs.Input("github:o/r/" + REV, HASH, "b".repeat(40), null, null))
                .hasMessageContaining("names commit " + REV + ", but rev is");
        assertThatThrownBy(() -> new FlakeInputs.Input("github:o/r", HASH, null, null, null))
                .hasMessageContaining("names no commit");
        assertThatThrownBy(() -> new FlakeInputs.Input("github:o/r\"x", HASH, REV, null, null))
                .hasMessageContaining("is not a flake URL");
        assertThatThrownBy(() -> new FlakeInputs.Input("github:o/r", "md5-x", REV, null, null))
                .hasMessageContaining("narHash 'md5-x'");
        assertThatThrownBy(() -> new FlakeInputs.Input("github:o/r?host=x", HASH, REV, null, null))
                .hasMessageContaining("unknown parameters [host]");
    }

    @Test
    void theInputsFileMustBeThereAndComplete() throws IOException {
        InstallerPaths paths = new InstallerPaths(root);
        assertThatThrownBy(() -> FlakeInputs.read(paths))
                .hasMessageContaining("/etc/reinstaller/inputs.json is missing");
        Files.createDirectories(paths.flakeInputs().getParent());
        Files.writeString(
                paths.flakeInputs(),
                "{\"reinstaller\": {\"url\": \"github:o/r/" + REV + "\", \"narHash\": \"" + HASH + "\"}}");
        assertThatThrownBy(() -> FlakeInputs.read(paths))
                .hasMessageContaining("/etc/reinstaller/inputs.json is unusable: input nixpkgs is missing");
    }
}
