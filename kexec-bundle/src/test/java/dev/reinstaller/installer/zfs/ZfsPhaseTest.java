package dev.reinstaller.installer.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.system.FakeClock;
import dev.reinstaller.installer.system.InstallerPaths;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void hostIdReplacesALinkAndIsLittleEndian(@TempDir Path root) throws Exception {
        Path etc = Files.createDirectories(root.resolve("etc"));
        Path store = Files.writeString(root.resolve("store-hostid"), "\0\0\0\0");
        Files.createSymbolicLink(etc.resolve("hostid"), store);
        EventLog events = new EventLog(new FakeClock(), new PrintWriter(new StringWriter()));

        new ZfsPhase(new InstallerPaths(root), events, null).writeHostId("5e3a91c2");

        assertThat(Files.isSymbolicLink(etc.resolve("hostid"))).isFalse();
        assertThat(Files.readAllBytes(etc.resolve("hostid"))).containsExactly(0xc2, 0x91, 0x3a, 0x5e);
        assertThat(Files.readString(store)).isEqualTo("\0\0\0\0");
    }
}
