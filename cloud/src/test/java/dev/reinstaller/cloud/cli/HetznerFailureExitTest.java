package dev.reinstaller.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.cloud.hetzner.tomsdevsn.TomsdevsnHetznerApi;
import dev.reinstaller.cloud.ssh.mina.MinaSsh;
import dev.reinstaller.cloud.testing.FakeHetzner;
import dev.reinstaller.cloud.testing.FakeHetzner.Answer;
import dev.reinstaller.cloud.testing.FakeTime;
import dev.reinstaller.cloud.testing.RecordingProcesses;
import dev.reinstaller.cloud.wait.TokenBucket;
import dev.reinstaller.protocol.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How Hetzner settings and API failures reach the operator: exit code and one clean stderr line. */
class HetznerFailureExitTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FakeTime time = new FakeTime();
    private String endpoint;

    private int run(Map<String, String> env, String... args) {
        TokenBucket budget = new TokenBucket(3600, 100, time.waiter());
        PrintWriter errors = new PrintWriter(err, true);
        return new Main(new CloudContext(
                        new PrintWriter(out, true),
                        errors,
                        new ByteArrayInputStream(new byte[0]),
                        env,
                        dir,
                        time.waiter(),
                        config -> TomsdevsnHetznerApi.create(
                                config,
                                budget,
                                time.waiter(),
                                TomsdevsnHetznerApi.CALL_DEADLINE,
                                line -> errors.println("reinstaller: " + line)),
                        MinaSsh::new,
                        false,
                        question -> Optional.empty(),
                        RecordingProcesses.none()))
                .run(args);
    }

    private int reinstall(String endpoint) {
        return run(
                Map.of("HCLOUD_TOKEN", "secret-token", "HCLOUD_ENDPOINT", endpoint),
                "hetzner",
                "reinstall",
                "--server",
                "web-1",
                "--agent",
                dir.toString(),
                "--bundle",
                dir.toString());
    }

    @ParameterizedTest(name = "HCLOUD_ENDPOINT={0}")
    @ValueSource(
            strings = {
                "//127.0.0.1:18080/v1",
                "ftp://127.0.0.1/v1",
                "http:///v1",
                "https://",
                "127.0.0.1:18080",
                "http://127.0.0.1:99999/v1",
                "http://exa mple/v1",
                "mailto:ops@example.com",
                "\u001b[31mhttps://example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                        + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\u0000"
            })
    void aBadEndpointIsBadInputNamingTheVariableAndValue(String endpoint) {
        int code = reinstall(endpoint);

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.BAD_INPUT.code());
        String message = err.toString();
        assertThat(message)
                .startsWith("reinstaller: HCLOUD_ENDPOINT")
                .contains("\""
                        + endpoint.substring(0, Math.min(endpoint.length(), 10)).replace("\u001b", "\\u001b"))
                .doesNotContain("Exception")
                .doesNotContain("\u001b")
                .doesNotContain("\u0000")
                .hasSizeLessThan(250);
    }

    @Test
    void aGoodHttpEndpointPassesTheCheck() throws IOException {
        int code = reinstallAnswered(Answer.json(200, FakeHetzner.page("servers", List.of(), null)));

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(err.toString()).contains("no server named web-1");
    }

    @Test
    void anUnexpectedReplyIsARemoteFailureNamingEndpointAndField() throws IOException {
        int code = reinstallAnswered(Answer.json(200, "{\"servers\":null}"));

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.REMOTE.code());
        assertThat(err.toString())
                .contains("reply from " + endpoint + ": field servers is missing")
                .doesNotContain("Exception");
    }

    @Test
    void garbageIsARemoteFailureNotAParserTrace() throws IOException {
        int code = reinstallAnswered(Answer.json(200, "{\"servers\": [}"));

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.REMOTE.code());
        assertThat(err.toString())
                .contains("reply from " + endpoint + " is not JSON")
                .doesNotContain("Exception");
    }

    /** Runs {@code hetzner reinstall --server web-1} against a fake that answers the lookup with {@code servers}. */
    private int reinstallAnswered(Answer servers) throws IOException {
        try (FakeHetzner api = new FakeHetzner()) {
            api.always("GET /servers", servers);
            endpoint = api.endpoint().toString();
            return reinstall(endpoint);
        }
    }

    @Test
    void aRefusedConnectionIsRetriedAloudThenReportedWithTheAddress() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        int code = reinstall("http://127.0.0.1:" + port + "/v1");

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.REMOTE.code());
        assertThat(err.toString().lines())
                .filteredOn(l -> l.contains("next try in"))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(l -> assertThat(l).contains("127.0.0.1:" + port).contains("giving up at"));
        assertThat(err.toString().lines().toList().getLast())
                .contains("cannot connect to 127.0.0.1:" + port)
                .contains("connection refused");
        assertThat(time.slept()).isLessThanOrEqualTo(Duration.ofSeconds(15));
    }
}
