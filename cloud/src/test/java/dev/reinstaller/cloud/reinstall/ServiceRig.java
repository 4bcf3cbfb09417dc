package dev.reinstaller.cloud.reinstall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.local.LocalProcesses;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.cloud.ssh.mina.MinaSsh;
import dev.reinstaller.cloud.testing.OperatorFiles;
import dev.reinstaller.cloud.testing.RecordingProcesses;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

/**
 * A reinstall service as this package's tests run it: MINA SSH to in-process hosts on 127.0.0.1, the
 * JDK's HTTP client to a fake status API, the operator's files under the test's directory, and every
 * progress report recorded as one line ({@link #seen()}). Closed after each test.
 */
final class ServiceRig implements AutoCloseable {
    /** Short deadlines that still leave a loaded machine time to answer. */
    static final Deadlines DEADLINES = deadlines(3, 10);

    /**
     * Where a test's service differs from the plain one.
     *
     * @param closure the {@code --closure} given, copied by {@code local}
     * @param unlock whether the new initrd is unlocked (on {@code initrdPort}) and the host verified
     */
    record Setup(
            Optional<String> closure,
            boolean unlock,
            int initrdPort,
            LocalProcesses local,
            Deadlines deadlines,
            dev.reinstaller.protocol.After after) {
        /** A setup whose installer reboots at its end. */
        Setup(Optional<String> closure, boolean unlock, int initrdPort, LocalProcesses local, Deadlines deadlines) {
            this(closure, unlock, initrdPort, local, deadlines, dev.reinstaller.protocol.After.REBOOT);
        }

        /** No unlock, no closure, nothing run on this machine. */
        static Setup plain() {
            return new Setup(Optional.empty(), false, 2222, RecordingProcesses.none(), DEADLINES);
        }
    }

    private final Path dir;
    private final OperatorFiles files;
    private final MinaSsh ssh = new MinaSsh();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    ServiceRig(Path dir) throws IOException {
        this.dir = dir;
        this.files = OperatorFiles.write(dir, "agent");
    }

    /** Deadlines of 5 s to connect, 10 s a step, 20 s to install, and these for the ramdisk and boot. */
    static Deadlines deadlines(int ramdiskSeconds, int bootSeconds) {
        return new Deadlines(
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(ramdiskSeconds),
                Duration.ofSeconds(20),
                Duration.ofSeconds(bootSeconds));
    }

    /** Asserts that OUTCOME failed in STAGE with KIND, and returns the failure for what else a test checks. */
    static ServerOutcome.Failed failed(ServerOutcome outcome, Stage stage, ServerOutcome.Kind kind) {
        assertThat(outcome).isInstanceOf(ServerOutcome.Failed.class);
        ServerOutcome.Failed failed = (ServerOutcome.Failed) outcome;
        assertThat(failed.stage()).as("stage of %s", failed.message()).isEqualTo(stage);
        assertThat(failed.kind()).as("kind of %s", failed.message()).isEqualTo(kind);
        return failed;
    }

    static Host server(long id, String name) {
        return Host.of(new Server(id, name, "running", Optional.of("127.0.0.1"), Optional.empty(), false, Map.of()));
    }

    OperatorFiles files() {
        return files;
    }

    Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /**
     * Lines of what the service reported: {@code "<server> <stage>: <message>"},
     * {@code "<server> <stage> output: <text>"} and {@code "<server> event <type>"}.
     */
    List<String> seen() {
        return List.copyOf(seen);
    }

    /** A service whose servers all answer SSH on {@code sshPort} of 127.0.0.1. */
    ReinstallService service(int statusPort, int sshPort, Setup setup) {
        return service(statusPort, server -> sshPort, setup);
    }

    /** A service that reaches each server on 127.0.0.1 at the port {@code sshPort} gives for it. */
    ReinstallService service(int statusPort, ToIntFunction<Host> sshPort, Setup setup) {
        ReinstallSettings settings = new ReinstallSettings(
                files.agent(),
                files.bundle(),
                "/var/tmp/reinstaller",
                List.of(files.identity()),
                knownHosts(),
                true,
                22,
                statusPort,
                setup.initrdPort(),
                setup.deadlines(),
                Optional.empty(),
                setup.closure(),
                setup.unlock(),
                setup.after(),
                false);
        return new ReinstallService(
                ssh,
                dev.reinstaller.cloud.wait.Waiter.system(),
                settings,
                new Recorded(),
                http,
                s -> new SshTarget(s.name(), "127.0.0.1", sshPort.applyAsInt(s), "root", List.of(files.identity())),
                setup.local());
    }

    @Override
    public void close() {
        ssh.close();
        http.close();
    }

    private final class Recorded implements Progress {
        @Override
        public void stage(Host server, Stage stage, String message) {
            seen.add(server.name() + " " + stage.wire() + ": " + message);
        }

        @Override
        public void output(Host server, Stage stage, String text) {
            seen.add(server.name() + " " + stage.wire() + " output: " + text.strip());
        }

        @Override
        public void installer(Host server, InstallerEvent event) {
            seen.add(server.name() + " event " + event.type());
        }

        @Override
        public void finished(ServerOutcome outcome) {}
    }
}
