package dev.reinstaller.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.fixture.TestMachine;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.InfoCodec;
import dev.reinstaller.protocol.RuntimeInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizedKeysCommandTest {
    private static final String ALICE =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8zN2vK4Wm7rT1pXyB3cD5eF6gH7iJ8kL9mN0oP1qR alice@laptop";

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new Main(new PrintWriter(out, true), new PrintWriter(err, true), (paths, options) -> {
                    throw new AssertionError("authorized-keys must not build the installer's edges");
                })
                .run(args);
    }

    private Path output() {
        return root.resolve("root/.ssh/authorized_keys");
    }

    /** As the ramdisk does: ~/.ssh made first (0700), then the keys written into it. */
    private int writeKeys() {
        try {
            Files.createDirectories(output().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return run("authorized-keys", "--root", root.toString(), "--output", output().toString());
    }

    @Test
    void keysOnTheCommandLineAreWrittenRootOnly() throws Exception {
        new TestMachine(root).cmdline(TestMachine.cmdline(TestMachine.info(), Optional.empty(), false));

        assertThat(writeKeys()).isZero();

        assertThat(Files.readAllLines(output(), StandardCharsets.UTF_8)).containsExactly(ALICE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(output())))
                .isEqualTo("rw-------");
        assertThat(out.toString()).contains("wrote 1 key(s)", "reinstaller.info");
    }

    @Test
    void keysInTheCpioAreReadFromTheSecretsDirectoryOrTheCpioItself() throws Exception {
        RuntimeInfo info = TestMachine.info();
        String cmdline = TestMachine.cmdline(info, Optional.empty(), true);
        new TestMachine(root)
                .cmdline(cmdline)
                .cpio("runtime-info.json", InfoCodec.encode(info).json());

        assertThat(writeKeys()).isZero();
        assertThat(Files.readAllLines(output(), StandardCharsets.UTF_8)).containsExactly(ALICE);

        Path moved = root.resolve("run/reinstaller-secrets");
        Files.createDirectories(moved);
        Files.move(root.resolve("reinstaller/runtime-info.json"), moved.resolve("runtime-info.json"));
        Files.writeString(output(), "stale\n");

        assertThat(writeKeys()).isZero();
        assertThat(Files.readAllLines(output(), StandardCharsets.UTF_8)).containsExactly(ALICE);
        assertThat(out.toString()).contains("reinstaller/runtime-info.json");
    }

    @Test
    void aCpioWhoseCrcDiffersGivesAnEmptyFileAndTheReason() throws Exception {
        RuntimeInfo info = TestMachine.info();
        byte[] json = InfoCodec.encode(info).json();
        json[json.length - 2] = ' ';
        new TestMachine(root)
                .cmdline(TestMachine.cmdline(info, Optional.empty(), true))
                .cpio("runtime-info.json", json)
                .write("root/.ssh/authorized_keys", ALICE + "\n");

        assertThat(writeKeys()).isZero();

        assertThat(Files.readString(output())).isEmpty();
        assertThat(err.toString()).contains("wrote no keys", "unusable", "reinstaller.crc=");
    }

    @Test
    void metadataSourceAndBrokenParametersWriteNoKeys() throws Exception {
        new TestMachine(root).cmdline("reinstaller.v=1 reinstaller.source=metadata");
        assertThat(writeKeys()).isZero();
        assertThat(Files.readString(output())).isEmpty();
        assertThat(err.toString()).contains("metadata service");

        new TestMachine(root).cmdline("reinstaller.v=1 reinstaller.info=!!! reinstaller.crc=00000000");
        assertThat(writeKeys()).isZero();
        assertThat(Files.readString(output())).isEmpty();
        assertThat(err.toString()).contains("kernel parameters are unusable");
    }

    @Test
    void legacyKeysAreWrittenButNotLinesThatAreNoKeys() throws Exception {
        String json = "{\"hostName\":\"old\",\"hostId\":\"8425e349\",\"rootAuthorizedKeys\":[\"" + ALICE
                + "\",\"command=\\\"rm -rf /\\\" ssh-rsa AAAA\"],"
                + "\"diskToFormat\":\"/dev/sda\",\"networkInterface\":\"ens3\",\"networkInterfaceModule\":\"virtio_net\","
                + "\"ipv4\":{\"address\":\"203.0.113.7\",\"prefixLength\":32,\"gateway\":\"172.31.1.1\","
                + "\"netmask\":\"255.255.255.255\"},"
                + "\"ipv6\":{\"address\":\"2001:db8:1::1\",\"prefixLength\":64,\"gateway\":\"fe80::1\"}}";
        String encoded = java.util.Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        new TestMachine(root).cmdline("runtime_info=\"" + encoded + "\"");

        assertThat(writeKeys()).isZero();

        assertThat(Files.readAllLines(output(), StandardCharsets.UTF_8)).isEqualTo(List.of(ALICE));
    }

    @Test
    void anOutputThatCannotBeWrittenFails() throws Exception {
        new TestMachine(root)
                .cmdline(TestMachine.cmdline(TestMachine.info(), Optional.empty(), false))
                .write("root/.ssh/authorized_keys/occupied", "a directory where the file should be");

        assertThat(writeKeys()).isEqualTo(ExitCode.FAILED.code());
        assertThat(err.toString()).contains("cannot write");
    }

    @Test
    void anOutputDirectoryThatDoesNotExistIsRefusedAndNotMade() {
        new TestMachine(root).cmdline(TestMachine.cmdline(TestMachine.info(), Optional.empty(), false));
        Path missing = root.resolve("nonexistent/dir/keys");

        int code = run("authorized-keys", "--root", root.toString(), "--output", missing.toString());

        assertThat(code).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(err.toString()).contains("--output", "nonexistent/dir", "does not exist");
        assertThat(root.resolve("nonexistent")).doesNotExist();
    }

    @Test
    void theOutputIsRequired() {
        assertThat(run("authorized-keys")).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("--output");
    }
}
