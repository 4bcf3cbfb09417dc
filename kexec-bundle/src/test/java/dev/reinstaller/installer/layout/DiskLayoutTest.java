package dev.reinstaller.installer.layout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiskLayoutTest {
    @Test
    void partitionNodesFollowTheKernelsNaming() {
        assertThat(DiskLayout.partition("sda", 3)).isEqualTo("/dev/sda3");
        assertThat(DiskLayout.partition("vda", 2)).isEqualTo("/dev/vda2");
        assertThat(DiskLayout.partition("nvme0n1", 3)).isEqualTo("/dev/nvme0n1p3");
        assertThat(DiskLayout.partition("mmcblk0", 1)).isEqualTo("/dev/mmcblk0p1");
    }
}
