package dev.reinstaller.installer.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.fixture.TestMachine;
import dev.reinstaller.installer.run.LoadedInfo;
import dev.reinstaller.installer.run.RunState;
import dev.reinstaller.installer.system.FakeClock;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.installer.system.RecordingDiskWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysPhaseTest {
    private static final String PUBLIC =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8zN2vK4Wm7rT1pXyB3cD5eF6gH7iJ8kL9mN0oP1qR root@web-01\n";
    /** What {@code ssh-keygen -lf} prints for {@link #PUBLIC}. */
    private static final String FINGERPRINT = "SHA256:2tMJwpRT4kSX20b5pNjew/cJevSfslv/UObXu6dChhA";
    /** {@link #PUBLIC} as known_hosts takes it: type and key, no comment. */
    private static final String KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8zN2vK4Wm7rT1pXyB3cD5eF6gH7iJ8kL9mN0oP1qR";

    @TempDir
    Path root;

    private final FakeClock clock = new FakeClock();
    private final EventLog events = new EventLog(clock, new PrintWriter(new StringWriter()));
    private final RecordingDiskWriter disk = new RecordingDiskWriter();

    private RunState state() {
        RunState state = new RunState(clock.now());
        state.info(LoadedInfo.current(TestMachine.info(), "reinstaller.info"));
        return state;
    }

    private void keygenWritesTheKeyPair() {
        disk.onCommand("ssh-keygen", argv -> {
            Path key = root.resolve(argv.getLast().substring(1));
            try {
                Files.createDirectories(key.getParent());
                Files.writeString(key, "private");
                Files.writeString(key.resolveSibling(key.getFileName() + ".pub"), PUBLIC);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void generatesBothHostKeysOnTheNewDiskAndReportsTheirFingerprints() {
        keygenWritesTheKeyPair();

        new KeysPhase(new InstallerPaths(root), events, disk).run(state());

        assertThat(disk.commandLines())
                .containsExactly(
                        "mkdir -p /mnt/persist/etc/ssh",
                        "chmod 0700 /mnt/persist/etc/ssh",
                        "ssh-keygen -q -t ed25519 -N  -C root@web-01 -f /mnt/persist/etc/ssh/ssh_host_ed25519_key",
                        "ssh-keygen -q -t ed25519 -N  -C initrd@web-01"
                                + " -f /mnt/persist/etc/ssh/initrd_ssh_host_ed25519_key");
        assertThat(events.events())
                .containsExactly(new Event.HostKeys(List.of(
                        new Event.Fingerprint("ssh", "ssh-ed25519", FINGERPRINT, KEY),
                        new Event.Fingerprint("initrd", "ssh-ed25519", FINGERPRINT, KEY))));
    }

    @Test
    void existingKeysAreKept() {
        keygenWritesTheKeyPair();
        new KeysPhase(new InstallerPaths(root), events, disk).run(state());
        int before = disk.commandLines().size();

        new KeysPhase(new InstallerPaths(root), events, disk).run(state());

        assertThat(disk.commandLines().subList(before, disk.commandLines().size()))
                .noneMatch(l -> l.startsWith("ssh-keygen"));
        assertThat(events.events()).filteredOn(e -> e instanceof Event.LogLine).hasSize(2);
    }

    @Test
    void fingerprintsMatchSshKeygen() {
        assertThat(Fingerprint.of(PUBLIC)).isEqualTo(new Fingerprint.Of("ssh-ed25519", FINGERPRINT, KEY));
    }
}
