package dev.reinstaller.installer.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZfsPhaseTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void reservationIsFivePercentBetweenHalfAGibAndEightGib() {
        assertThat(ZfsPhase.reservation(10 * GIB)).isEqualTo(512 * MIB);
        assertThat(ZfsPhase.reservation(40_960_000_000L)).isEqualTo(1953 * MIB);
        assertThat(ZfsPhase.reservation(1024 * GIB)).isEqualTo(8 * GIB);
    }

    @Test
    void theKeyReachesZpoolOnlyAsAFileLocation() {
        assertThat(ZfsPhase.createCommand("/run/reinstaller-secrets/zfs-key", "/dev/sda3"))
                .contains("keylocation=file:///run/reinstaller-secrets/zfs-key", "keyformat=passphrase")
                .endsWith("rpool", "/dev/sda3");
    }
}
