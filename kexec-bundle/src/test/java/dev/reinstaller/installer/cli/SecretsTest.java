package dev.reinstaller.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.fixture.TestMachine;
import dev.reinstaller.protocol.ConfirmationToken;
import dev.reinstaller.protocol.RuntimeInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk key never shows up where others can read it: not in any recorded argv, not in the stdin of
 * any command (this build passes the key to no command at all; ZFS reads it from a root-only file), not
 * in an event or a console line, not on stderr. Checked verbatim, in base64 (both alphabets, with and
 * without padding, with and without the trailing newline the cpio file had) and in hex.
 */
class SecretsTest {
    private static final String KEY = "Zebra-Quartz-7731-plum-orbit";
    private static final RuntimeInfo INFO = TestMachine.info();

    @TempDir
    Path root;

    private final FakeEdges fakes = new FakeEdges();

    private static List<String> forms(String key) {
        List<String> forms = new ArrayList<>();
        for (String text : List.of(key, key + "\n")) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            forms.add(text.strip());
            forms.add(Base64.getEncoder().encodeToString(bytes));
            forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
            forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            forms.add(HexFormat.of().formatHex(bytes));
            forms.add(HexFormat.of().formatHex(bytes).toUpperCase(Locale.ROOT));
        }
        return forms;
    }

    private String everythingVisible() {
        return String.join(
                "\n",
                fakes.processes.everythingPassed(),
                String.join("\n", fakes.disk.commandLines()),
                fakes.console(),
                fakes.err.toString(),
                String.join("\n", fakes.watchdog.reboots()),
                String.join("\n", fakes.holds));
    }

    private void assertNoKeyVisible(String key) {
        String visible = everythingVisible();
        assertThat(visible).isNotBlank();
        for (String form : forms(key)) {
            assertThat(visible).as("the key as %s", form).doesNotContain(form);
        }
    }

    @Test
    void aKeyFromTheCpioStaysOutOfArgvStdinEventsAndLogs() {
        new TestMachine(root)
                .hetzner()
                .cmdline(TestMachine.cmdline(INFO, Optional.of(ConfirmationToken.of(INFO)), false))
                .cpio("disk-key", (KEY + "\n").getBytes(StandardCharsets.UTF_8));

        int code = fakes.run(root, "params,confirm,partition,zfs");

        assertThat(code).as(fakes.console()).isZero();
        assertThat(fakes.disk.commandLines()).anyMatch(l -> l.startsWith("zpool create"));
        assertNoKeyVisible(KEY);
    }

    @Test
    void aKeySentAfterBootStaysOutToo() {
        new TestMachine(root)
                .hetzner()
                .cmdline(TestMachine.cmdline(INFO, Optional.of(ConfirmationToken.of(INFO)), false));
        fakes.sentKeys.add(KEY.getBytes(StandardCharsets.UTF_8));

        int code = fakes.run(root, "params,confirm,partition,zfs");

        assertThat(code).as(fakes.console()).isZero();
        assertThat(fakes.disk.commandLines()).anyMatch(l -> l.startsWith("zpool create"));
        assertNoKeyVisible(KEY);
    }

    @Test
    void aRefusedKeyIsNotQuotedInTheRefusal() {
        String twoLines = "Zebra-Quartz\n7731-plum-orbit";
        new TestMachine(root)
                .hetzner()
                .cmdline(TestMachine.cmdline(INFO, Optional.of(ConfirmationToken.of(INFO)), false))
                .cpio("disk-key", twoLines.getBytes(StandardCharsets.UTF_8));

        fakes.run(root, "params,confirm,partition,zfs");

        assertThat(fakes.console()).contains("spans more than one line");
        assertNoKeyVisible(twoLines);
        assertNoKeyVisible("Zebra-Quartz");
        assertNoKeyVisible("7731-plum-orbit");
    }

    @Test
    void theScanFindsAKeyThatDoesLeak() {
        fakes.processes.run(
                List.of("echo", Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8))),
                java.time.Duration.ofSeconds(1));

        assertThat(forms(KEY).stream().anyMatch(everythingVisible()::contains)).isTrue();
    }
}
