package dev.reinstaller.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.cloud.testing.FakeHetzner;
import dev.reinstaller.cloud.testing.FakeHost;
import dev.reinstaller.cloud.testing.FakeStatusApi;
import dev.reinstaller.cloud.testing.OperatorFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
    }

    @Test
    void helpListsTheExitCodes() {
        int code = cli.run("--help");

        assertThat(code).isZero();
        assertThat(cli.out()).contains("hetzner").contains("5  timeout");
    }

    @Test
    void everyCommandSummaryIsAWholeSentence() {
        List<String> summaries = new ArrayList<>();
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"hetzner", "--help"})) {
            CliRunner runner = new CliRunner(dir);
            runner.run(args);
            boolean inList = false;
            for (String line : runner.out().split("\n")) {
                if (line.startsWith("Commands:")) {
                    inList = true;
                } else if (inList && line.isBlank()) {
                    inList = false;
                } else if (inList && line.startsWith("   ") && !summaries.isEmpty()) {
                    summaries.set(summaries.size() - 1, summaries.getLast() + " " + line.strip());
                } else if (inList) {
                    summaries.add(line.strip());
                }
            }
        }
        assertThat(summaries).hasSizeGreaterThanOrEqualTo(6);
        assertThat(summaries).allSatisfy(entry -> assertThat(entry).endsWith("."));
    }

    @Test
    void generateCompletionPrintsABashAndZshScriptForEveryCommand() {
        int code = cli.run("generate-completion");

        assertThat(code).as(cli.err()).isZero();
        String script = cli.out();
        assertThat(script)
                .startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_reinstaller")
                .contains("function _picocli_reinstaller_hetzner_reinstall()")
                .contains("--closure")
                .contains("--on-failure")
                .contains("function _picocli_reinstaller_unlock()");
        assertThat(cli.run("--help")).isZero();
        assertThat(cli.out()).contains("generate-completion");
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        int code = cli.run("hetzner", "reinstall", "--agent", "a", "--bundle", "b", "--bogus");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("Unknown option: '--bogus'").contains("reinstaller hetzner reinstall --help");
    }

    @Test
    void withoutATokenNothingHappens() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        int code = cli.stdin("key")
                .run("hetzner", "reinstall", "--server", "web-1", "--agent", "a", "--bundle", "a", "--disk-key-stdin");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("set HCLOUD_TOKEN");
    }

    @Test
    void anUnknownServerIsBadInputFromTheApi() throws Exception {
        OperatorFiles files = OperatorFiles.write(dir, "agent");
        try (FakeHetzner api = new FakeHetzner()) {
            api.servers();

            int code = cli.hetzner(api, Map.of())
                    .stdin("key")
                    .run(CliRunner.reinstall(files, "--server", "ghost", "--disk-key-stdin"));

            assertThat(code).isEqualTo(6);
            assertThat(cli.err()).contains("no server named ghost");
        }
    }

    @Test
    void reinstallsAServerFoundByNameAndPrintsJsonLines() throws Exception {
        OperatorFiles files = OperatorFiles.write(dir, "agent");
        try (FakeHetzner api = new FakeHetzner();
                FakeHost host = new FakeHost(dir.resolve("host"), "web-1", files.clientKey());
                FakeStatusApi status = new FakeStatusApi(FakeStatusApi.HAPPY_RUN, Duration.ZERO)) {
            api.servers(FakeHetzner.serverJson(42, "web-1", "127.0.0.1", Map.of()));
            api.firewalls();

            int code = cli.hetzner(api, Map.of())
                    .stdin("correct horse\n")
                    .run(CliRunner.reinstall(
                            files,
                            "--server",
                            "web-1",
                            "--known-hosts",
                            dir.resolve("known_hosts").toString(),
                            "--trust-first-use",
                            "--ssh-port",
                            Integer.toString(host.port()),
                            "--status-port",
                            Integer.toString(status.port()),
                            "--disk-key-stdin",
                            "--no-unlock",
                            "--json"));

            assertThat(code).as(cli.err()).isZero();
            assertThat(host.keyReceived()).isEqualTo("correct horse\n");
            List<String> lines = cli.out().lines().toList();
            assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{\"kind\":"));
            assertThat(lines.getLast())
                    .startsWith("{\"kind\":\"summary\",\"servers\":[{\"server\":\"web-1\",\"serverId\":42,")
                    .contains("\"result\":\"ok\"")
                    .contains(host.ramdiskKey().fingerprint());
            assertThat(cli.out()).doesNotContain("correct horse");
        }
    }
}
