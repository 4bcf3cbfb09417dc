package dev.reinstaller.cloud.hetzner.tomsdevsn;

import static dev.reinstaller.cloud.testing.FakeHetzner.actionJson;
import static dev.reinstaller.cloud.testing.FakeHetzner.serverJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.reinstaller.cloud.hetzner.CreateServer;
import dev.reinstaller.cloud.hetzner.HetznerException;
import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.testing.FakeHetzner;
import dev.reinstaller.cloud.testing.FakeHetzner.Answer;
import dev.reinstaller.cloud.testing.FakeTime;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replies of a shape the client does not expect (null or missing fields, wrong types, garbage, HTML,
 * oversized bodies) each end in one typed {@link HetznerException} naming the endpoint and the field,
 * never a NullPointerException or a wrapped parser exception. Each case runs against a real HTTP fake
 * on 127.0.0.1 and is bounded in time.
 */
class MalformedReplyTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String META = ",\"meta\":{\"pagination\":{\"page\":1,\"next_page\":null}}";
    private static final String SERVER = serverJson(42, "web-1", "192.0.2.7", Map.of());
    private static final Server WEB_1 =
            new Server(42, "web-1", "running", Optional.of("192.0.2.7"), Optional.empty(), false, Map.of());

    private FakeHetzner fake;
    private TomsdevsnHetznerApi api;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeHetzner();
        api = UnrulyApiTest.client("secret-token", fake.endpoint(), new FakeTime(), line -> {});
    }

    @AfterEach
    void stop() {
        api.close();
        fake.close();
    }

    /** One odd reply: the route it answers, the answer, the call that meets it, and the field to name. */
    record Case(String name, String route, Answer answer, Consumer<TomsdevsnHetznerApi> call, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        Consumer<TomsdevsnHetznerApi> list = a -> a.servers("role=web");
        Consumer<TomsdevsnHetznerApi> get = a -> a.server(42);
        Consumer<TomsdevsnHetznerApi> byName = a -> a.serverByName("web-1");
        Consumer<TomsdevsnHetznerApi> action = a -> a.action(5);
        Consumer<TomsdevsnHetznerApi> firewalls = a -> a.firewallsOf(WEB_1);
        Consumer<TomsdevsnHetznerApi> keys = a -> a.sshKeys();
        Consumer<TomsdevsnHetznerApi> reset = a -> a.reset(42);
        Consumer<TomsdevsnHetznerApi> rebuild = a -> a.rebuild(42, "debian-12");
        Consumer<TomsdevsnHetznerApi> create = a -> a.create(
                new CreateServer("t-1", "cx22", "debian-12", "fsn1", List.of(), Map.of("reinstaller-test", "true")));
        String fw = "{\"id\":1,\"name\":\"f\",\"rules\":%s,\"applied_to\":%s}";
        String toWeb1 = "[{\"type\":\"server\",\"server\":{\"id\":42}}]";
        return Stream.of(
                        new Case("servers null", "GET /servers", ok("{\"servers\":null" + META + "}"), list, "servers"),
                        new Case("servers absent", "GET /servers", ok("{\"meta\":null}"), list, "servers"),
                        new Case("servers an object", "GET /servers", ok("{\"servers\":{}}"), list, "servers"),
                        new Case("servers [null]", "GET /servers", ok("{\"servers\":[null]}"), list, "servers[0]"),
                        new Case("servers [7]", "GET /servers", ok("{\"servers\":[7]}"), list, "servers[0]"),
                        new Case(
                                "next_page a word",
                                "GET /servers",
                                ok("{\"servers\":[" + SERVER + "],\"meta\":{\"pagination\":{\"next_page\":\"two\"}}}"),
                                list,
                                "meta.pagination.next_page"),
                        new Case(
                                "by name null", "GET /servers?name=web-1", ok("{\"servers\":null}"), byName, "servers"),
                        new Case("server null", "GET /servers/42", ok("{\"server\":null}"), get, "server"),
                        new Case(
                                "server no id",
                                "GET /servers/42",
                                ok("{\"server\":{\"name\":\"w\"}}"),
                                get,
                                "server.id"),
                        new Case(
                                "server id a word",
                                "GET /servers/42",
                                ok("{\"server\":{\"id\":\"abc\",\"name\":\"w\"}}"),
                                get,
                                "server.id"),
                        new Case(
                                "server no name",
                                "GET /servers/42",
                                ok("{\"server\":{\"id\":42}}"),
                                get,
                                "server.name"),
                        new Case(
                                "server name with escapes",
                                "GET /servers/42",
                                ok("{\"server\":{\"id\":42,\"name\":\"web\\u001b[2J\\u0000\"}}"),
                                get,
                                "server.name"),
                        new Case(
                                "labels a list",
                                "GET /servers/42",
                                ok("{\"server\":{\"id\":42,\"name\":\"w\",\"labels\":[1]}}"),
                                get,
                                "server.labels"),
                        new Case("action null", "GET /actions/5", ok("{\"action\":null}"), action, "action"),
                        new Case(
                                "action no id",
                                "GET /actions/5",
                                ok("{\"action\":{\"command\":\"x\"}}"),
                                action,
                                "action.id"),
                        new Case(
                                "progress a word",
                                "GET /actions/5",
                                ok("{\"action\":{\"id\":5,\"command\":\"x\",\"progress\":\"lots\"}}"),
                                action,
                                "action.progress"),
                        new Case(
                                "firewalls null", "GET /firewalls", ok("{\"firewalls\":null}"), firewalls, "firewalls"),
                        new Case(
                                "rule null",
                                "GET /firewalls",
                                ok("{\"firewalls\":[" + fw.formatted("[null]", toWeb1) + "]}"),
                                firewalls,
                                "firewalls[0].rules[0]"),
                        new Case(
                                "target null",
                                "GET /firewalls",
                                ok("{\"firewalls\":[" + fw.formatted("[]", "[null]") + "]}"),
                                firewalls,
                                "firewalls[0].applied_to[0]"),
                        new Case(
                                "firewall no id",
                                "GET /firewalls",
                                ok("{\"firewalls\":[{\"name\":\"f\",\"rules\":[],\"applied_to\":" + toWeb1 + "}]}"),
                                firewalls,
                                "firewalls[0].id"),
                        new Case("keys null", "GET /ssh_keys", ok("{\"ssh_keys\":null}"), keys, "ssh_keys"),
                        new Case(
                                "key no id",
                                "GET /ssh_keys",
                                ok("{\"ssh_keys\":[{\"name\":\"k\"}]}"),
                                keys,
                                "ssh_keys[0].id"),
                        new Case(
                                "reset action null",
                                "POST /servers/42/actions/reset",
                                ok("{\"action\":null}"),
                                reset,
                                "action"),
                        new Case(
                                "rebuild no action",
                                "POST /servers/42/actions/rebuild",
                                ok("{\"root_password\":null}"),
                                rebuild,
                                "action"),
                        new Case(
                                "create server null",
                                "POST /servers",
                                new Answer(201, "{\"server\":null,\"action\":" + action5() + "}", Map.of()),
                                create,
                                "server"),
                        new Case("garbage", "GET /servers/42", ok("{\"server\":[{"), get, "not JSON"),
                        new Case("truncated", "GET /servers", ok("{\"servers\":[" + SERVER), list, "not JSON"),
                        new Case(
                                "HTML",
                                "GET /servers/42",
                                new Answer(
                                        200, "<html><body>log in</body></html>", Map.of("Content-Type", "text/html")),
                                get,
                                "not JSON"),
                        new Case("empty", "GET /servers/42", ok(""), get, "empty"),
                        new Case("an array", "GET /servers/42", ok("[]"), get, "not a JSON object"),
                        new Case("a string", "GET /actions/5", ok("\"ok\""), action, "not a JSON object"),
                        new Case("deep", "GET /servers/42", ok("[".repeat(5000) + "]".repeat(5000)), get, "not JSON"),
                        new Case("huge", "GET /servers/42", ok("{\"x\":\"" + "a".repeat(9 << 20) + "\"}"), get, "MiB"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anOddReplyIsATypedErrorNamingEndpointAndField(Case c) {
        fake.always(c.route(), c.answer());

        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> c.call().accept(api))
                        .isInstanceOfSatisfying(HetznerException.class, e -> {
                            assertThat(e.category().name()).isEqualTo("BAD_REPLY");
                            assertThat(e.code()).isEqualTo("bad_reply");
                        })
                        .hasMessageContaining(fake.endpoint().toString())
                        .hasMessageContaining(c.field())
                        .hasMessageNotContaining("Exception")
                        .satisfies(e -> assertThat(e.getMessage())
                                .hasSizeLessThan(400)
                                .doesNotContain("\u001b")
                                .doesNotContain("\u0000")));
        assertThat(fake.seen()).hasSizeLessThanOrEqualTo(2);
    }

    private static Answer ok(String body) {
        return Answer.json(200, body);
    }

    private static String action5() {
        return actionJson(5, "create_server", "running", 0)
                .replaceFirst("^\\{\"action\":", "")
                .replaceFirst("}$", "");
    }
}
