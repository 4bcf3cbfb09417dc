package dev.reinstaller.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.cloud.hetzner.tomsdevsn.TomsdevsnHetznerApi;
import dev.reinstaller.cloud.ssh.mina.MinaSsh;
import dev.reinstaller.cloud.testing.FakeHetzner;
import dev.reinstaller.cloud.testing.FakeHetzner.Answer;
import dev.reinstaller.cloud.testing.FakeHost;
import dev.reinstaller.cloud.testing.FakeStatusApi;
import dev.reinstaller.cloud.testing.TestKeys;
import dev.reinstaller.cloud.wait.TokenBucket;
import dev.reinstaller.cloud.wait.Waiter;
import dev.reinstaller.protocol.SshHostKey;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Main main(Map<String, String> env, String stdin) {
        Waiter waiter = Waiter.system();
        TokenBucket budget = new TokenBucket(3600, 100, waiter);
        return new Main(new CloudContext(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                env,
                dir,
                waiter,
                config -> TomsdevsnHetznerApi.create(config, budget, waiter, Duration.ofSeconds(5)),
                MinaSsh::new,
                false,
                question -> java.util.Optional.empty(),
                dev.reinstaller.cloud.testing.RecordingProcesses.none()));
    }

    @Test
    void helpListsTheExitCodes() {
        int code = main(Map.of(), "").run("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("hetzner").contains("5  timeout");
    }

    @Test
    void generateCompletionPrintsABashAndZshScriptForEveryCommand() {
        int code = main(Map.of(), "").run("generate-completion");

        assertThat(code).as(err.toString()).isZero();
        String script = out.toString();
        assertThat(script)
                .startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_reinstaller")
                .contains("function _picocli_reinstaller_hetzner_reinstall()")
                .contains("--closure")
                .contains("--on-failure")
                .contains("function _picocli_reinstaller_unlock()");
        assertThat(main(Map.of(), "").run("--help")).isZero();
        assertThat(out.toString()).contains("generate-completion");
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        int code = main(Map.of(), "").run("hetzner", "reinstall", "--agent", "a", "--bundle", "b", "--bogus");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("Unknown option: '--bogus'")
                .contains("reinstaller hetzner reinstall --help");
    }

    @Test
    void withoutATokenNothingHappens() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        int code = main(Map.of(), "key")
                .run("hetzner", "reinstall", "--server", "web-1", "--agent", "a", "--bundle", "a", "--disk-key-stdin");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("set HCLOUD_TOKEN");
    }

    @Test
    void anUnknownServerIsBadInputFromTheApi() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        try (FakeHetzner api = new FakeHetzner()) {
            api.always("GET /servers", Answer.json(200, FakeHetzner.page("servers", List.of(), null)));
            Path id = dir.resolve("id");
            TestKeys.write(id, "op");

            int code = main(
                            Map.of(
                                    "HCLOUD_TOKEN",
                                    "t",
                                    "HCLOUD_ENDPOINT",
                                    api.endpoint().toString()),
                            "key")
                    .run(
                            "hetzner",
                            "reinstall",
                            "--server",
                            "ghost",
                            "--agent",
                            dir.resolve("a").toString(),
                            "--bundle",
                            dir.resolve("a").toString(),
                            "--identity",
                            id.toString(),
                            "--disk-key-stdin");

            assertThat(code).isEqualTo(6);
            assertThat(err.toString()).contains("no server named ghost");
        }
    }

    @Test
    void reinstallsAServerFoundByNameAndPrintsJsonLines() throws Exception {
        Path id = dir.resolve("id_ed25519");
        SshHostKey client = TestKeys.write(id, "operator");
        Files.createDirectories(dir.resolve("agent"));
        Files.writeString(dir.resolve("agent/reinstaller-agent"), "#!/bin/sh\n");
        Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(dir.resolve("bundle/manifest.json"), "{}");
        try (FakeHetzner api = new FakeHetzner();
                FakeHost host = new FakeHost(dir.resolve("host"), "web-1", client.publicKeyLine());
                FakeStatusApi status = new FakeStatusApi(FakeStatusApi.HAPPY_RUN, Duration.ZERO)) {
            api.always(
                    "GET /servers",
                    Answer.json(
                            200,
                            FakeHetzner.page(
                                    "servers",
                                    List.of(FakeHetzner.serverJson(42, "web-1", "127.0.0.1", Map.of())),
                                    null)));
            api.always("GET /firewalls", Answer.json(200, FakeHetzner.page("firewalls", List.of(), null)));

            int code = main(
                            Map.of(
                                    "HCLOUD_TOKEN",
                                    "t",
                                    "HCLOUD_ENDPOINT",
                                    api.endpoint().toString()),
                            "correct horse\n")
                    .run(
                            "hetzner",
                            "reinstall",
                            "--server",
                            "web-1",
                            "--agent",
                            dir.resolve("agent").toString(),
                            "--bundle",
                            dir.resolve("bundle").toString(),
                            "--identity",
                            id.toString(),
                            "--known-hosts",
                            dir.resolve("known_hosts").toString(),
                            "--trust-first-use",
                            "--ssh-port",
                            Integer.toString(host.port()),
                            "--status-port",
                            Integer.toString(status.port()),
                            "--disk-key-stdin",
                            "--no-unlock",
                            "--json");

            assertThat(code).as(err.toString()).isZero();
            assertThat(host.keyReceived()).isEqualTo("correct horse\n");
            List<String> lines = out.toString().lines().toList();
            assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{\"kind\":"));
            assertThat(lines.getLast())
                    .startsWith("{\"kind\":\"summary\",\"servers\":[{\"server\":\"web-1\",\"serverId\":42,")
                    .contains("\"result\":\"ok\"")
                    .contains(host.ramdiskKey().fingerprint());
            assertThat(out.toString()).doesNotContain("correct horse");
        }
    }
}
