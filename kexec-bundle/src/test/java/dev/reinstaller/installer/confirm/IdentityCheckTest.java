package dev.reinstaller.installer.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.hostinfo.DmiIdentity;
import dev.reinstaller.installer.fixture.TestMachine;
import dev.reinstaller.installer.hardware.BlockDevices;
import dev.reinstaller.installer.system.InstallerPaths;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityCheckTest {
    @TempDir
    Path root;

    @Test
    void wwnsCompareWithoutTheirNotation() {
        assertThat(IdentityCheck.normalWwn("0x5000C500A1B2C3D4"))
                .isEqualTo(IdentityCheck.normalWwn("naa.5000c500a1b2c3d4"));
        assertThat(IdentityCheck.normalWwn("eui.0025385b")).isEqualTo("0025385b");
        assertThat(IdentityCheck.normalWwn(null)).isNull();
    }

    @Test
    void everyMismatchIsReportedAtOnce() {
        new TestMachine(root)
                .hetzner()
                .write("sys/class/dmi/id/product_serial", "1\n")
                .write("sys/block/sda/size", "2\n");
        InstallerPaths paths = new InstallerPaths(root);

        assertThatThrownBy(() -> IdentityCheck.check(
                        TestMachine.info(), DmiIdentity.read(paths.files()), new BlockDevices(paths)))
                .hasMessageContaining("machine serial: runtime info says '48213377', DMI says '1'")
                .hasMessageContaining("; disk sda size: runtime info says 40960000000 bytes, sysfs says 1024 bytes");
    }
}
