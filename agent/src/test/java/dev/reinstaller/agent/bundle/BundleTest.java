package dev.reinstaller.agent.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.agent.testing.Fixtures;
import dev.reinstaller.protocol.BundleManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {
    private static final byte[] KERNEL = Fixtures.bytes(4099, 1);
    private static final byte[] INITRD = Fixtures.bytes(70_001, 2);

    @TempDir
    Path dir;

    @Test
    void opensTheManifestAndNamesTheKernelAndInitrd() throws IOException {
        Bundle bundle = Bundle.open(Fixtures.bundle(dir, KERNEL, INITRD));

        assertThat(bundle.kernelPath()).isEqualTo(dir.resolve("bzImage"));
        assertThat(bundle.initrdPath()).isEqualTo(dir.resolve("initrd"));
        assertThat(bundle.manifest().bootParameters()).isEqualTo(Fixtures.BOOT_PARAMETERS);
        assertThat(bundle.kexecBinary()).isEmpty();
    }

    @Test
    void intactFilesVerifyAndExtraFilesAreIgnored() throws IOException {
        Bundle bundle = Bundle.open(Fixtures.bundle(dir, KERNEL, INITRD));
        Files.writeString(dir.resolve("README"), "not in the manifest");

        List<FileCheck> checks = bundle.verify();

        assertThat(checks)
                .containsExactly(new FileCheck.Intact("bzImage", 4099), new FileCheck.Intact("initrd", 70_001));
        assertThat(checks).allMatch(FileCheck::ok);
    }

    @Test
    void sameSizeOtherContentIsAWrongHash() throws IOException {
        Bundle bundle = Bundle.open(Fixtures.bundle(dir, KERNEL, INITRD));
        byte[] tampered = INITRD.clone();
        tampered[12_345] ^= 1;
        Files.write(dir.resolve("initrd"), tampered);

        List<FileCheck> checks = bundle.verify();

        assertThat(checks.get(0).ok()).isTrue();
        assertThat(checks.get(1))
                .isEqualTo(new FileCheck.WrongHash("initrd", Fixtures.sha256(INITRD), Fixtures.sha256(tampered)));
        assertThat(checks.get(1).describe()).startsWith("initrd: SHA-256 ").contains(Fixtures.sha256(INITRD));
    }

    @Test
    void aCutFileIsAWrongSize() throws IOException {
        Bundle bundle = Bundle.open(Fixtures.bundle(dir, KERNEL, INITRD));
        Files.write(dir.resolve("bzImage"), Arrays.copyOf(KERNEL, 4000));

        assertThat(bundle.verify().get(0)).isEqualTo(new FileCheck.WrongSize("bzImage", 4099, 4000));
        assertThat(bundle.verify().get(0).describe()).isEqualTo("bzImage: 4000 bytes, the manifest says 4099");
    }

    @Test
    void aMissingFileIsReportedByName() throws IOException {
        Bundle bundle = Bundle.open(Fixtures.bundle(dir, KERNEL, INITRD));
        Files.delete(dir.resolve("initrd"));

        FileCheck check = bundle.verify().get(1);

        assertThat(check).isInstanceOf(FileCheck.Missing.class);
        assertThat(check.describe())
                .startsWith("initrd: missing")
                .contains(dir.resolve("initrd").toString());
    }

    @Test
    void aMissingManifestNamesTheFile() {
        assertThatThrownBy(() -> Bundle.open(dir))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining(dir.resolve("manifest.json").toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void anInvalidManifestNamesTheFileAndTheField() throws IOException {
        Fixtures.bundle(dir, KERNEL, INITRD);
        String json = Files.readString(dir.resolve("manifest.json")).replace("\"x86_64\"", "\"sparc\"");
        Files.writeString(dir.resolve("manifest.json"), json);

        assertThatThrownBy(() -> Bundle.open(dir))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("manifest.json is invalid")
                .hasMessageContaining("arch");
    }

    @Test
    void theShippedKexecBinaryIsFoundThroughTheManifest() throws IOException {
        Fixtures.bundle(dir, KERNEL, INITRD);
        byte[] kexec = Fixtures.bytes(100, 3);
        Files.write(dir.resolve("kexec"), kexec);
        Fixtures.writeManifest(
                dir,
                Map.of(
                        "bzImage", new BundleManifest.BundleFile(Fixtures.sha256(KERNEL), 4099),
                        "initrd", new BundleManifest.BundleFile(Fixtures.sha256(INITRD), 70_001),
                        "kexec", new BundleManifest.BundleFile(Fixtures.sha256(kexec), 100)),
                1,
                0);

        Bundle bundle = Bundle.open(dir);

        assertThat(bundle.kexecBinary()).contains(dir.resolve("kexec"));
        assertThat(bundle.verify()).hasSize(3).allMatch(FileCheck::ok);
    }
}
