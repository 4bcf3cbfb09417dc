package dev.reinstaller.cloud.reinstall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.cloud.hetzner.CreateServer;
import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.hetzner.tomsdevsn.TomsdevsnHetznerApi;
import dev.reinstaller.cloud.testing.FakeHetzner;
import dev.reinstaller.cloud.testing.FakeHetzner.Answer;
import dev.reinstaller.cloud.testing.FakeTime;
import dev.reinstaller.cloud.testing.HetznerClients;
import dev.reinstaller.cloud.wait.DeadlineExceededException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestVmTest {
    private static final CreateServer REQUEST =
            new CreateServer("rt-1", "cx22", "debian-12", "fsn1", List.of("ops"), Map.of());

    private FakeHetzner fake;
    private FakeTime time;
    private TomsdevsnHetznerApi api;
    private TestVm vm;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeHetzner();
        time = new FakeTime();
        api = HetznerClients.against(fake, time.waiter(), Duration.ofMinutes(2));
        vm = new TestVm(api, time.waiter(), Duration.ofMinutes(10));
        fake.always(
                "POST /servers",
                Answer.json(
                        201,
                        "{\"server\":" + FakeHetzner.serverJson(43, "rt-1", "127.0.0.1", Map.of(TestVm.LABEL, "true"))
                                + ","
                                + FakeHetzner.actionJson(8, "create_server", "running", 0)
                                        .substring(
                                                1,
                                                FakeHetzner.actionJson(8, "create_server", "running", 0)
                                                                .length()
                                                        - 1)
                                + ",\"next_actions\":[],\"root_password\":null}"));
        fake.always("GET /actions/8", Answer.json(200, FakeHetzner.actionJson(8, "create_server", "success", 100)));
    }

    @AfterEach
    void stop() {
        api.close();
        fake.close();
    }

    private void existing(Map<String, String> labels) {
        fake.servers(FakeHetzner.serverJson(42, "rt-1", "192.0.2.9", labels));
    }

    @Test
    void aServerOfThatNameWithoutTheLabelIsNeverDeleted() {
        existing(Map.of("role", "prod"));

        assertThatThrownBy(() -> vm.recreate(REQUEST))
                .isInstanceOf(TestVm.NotATestServer.class)
                .hasMessageContaining("rt-1 (42) exists and does not carry the label reinstaller-test=true");
        assertThat(fake.seen()).extracting(FakeHetzner.Seen::method).containsOnly("GET");
    }

    @Test
    void aLabelledServerIsDeletedThenCreatedWithTheLabel() {
        existing(Map.of(TestVm.LABEL, "true"));
        fake.always("DELETE /servers/42", Answer.json(200, FakeHetzner.actionJson(7, "delete_server", "success", 100)));

        Server server = vm.recreate(REQUEST);

        assertThat(server.id()).isEqualTo(43);
        List<String> calls =
                fake.seen().stream().map(s -> s.method() + " " + s.path()).toList();
        assertThat(calls).containsSubsequence("GET /servers", "DELETE /servers/42", "POST /servers", "GET /actions/8");
        assertThat(fake.seen())
                .filteredOn(s -> s.method().equals("POST"))
                .singleElement()
                .satisfies(s -> assertThat(s.body())
                        .contains("\"reinstaller-test\":\"true\"")
                        .contains("\"cx22\"")
                        .contains("\"fsn1\""));
    }

    @Test
    void withNoServerOfThatNameItOnlyCreates() {
        fake.servers();

        vm.recreate(REQUEST);

        assertThat(fake.count("DELETE", "/servers/42")).isZero();
        assertThat(fake.count("POST", "/servers")).isEqualTo(1);
    }

    @Test
    void waitsForAnSshBanner() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = listener.accept()) {
                    s.getOutputStream().write("SSH-2.0-test\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // The test fails on its own when no banner came.
                }
            });

            vm.awaitSsh("127.0.0.1", listener.getLocalPort());
        }
    }

    @Test
    void noSshWithinTheDeadlineTimesOut() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }

        assertThatThrownBy(() -> vm.awaitSsh("127.0.0.1", closed))
                .isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("SSH on 127.0.0.1:" + closed);
        assertThat(time.slept()).isEqualTo(Duration.ofMinutes(10));
    }
}
