package dev.reinstaller.agent.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.reinstaller.hostinfo.metadata.HttpMetadataClient;
import dev.reinstaller.hostinfo.metadata.MetadataClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata service over real HTTP against a JDK HttpServer on 127.0.0.1. */
class MetadataTest {
    private static final String PREFIX = "/hetzner/v1/metadata";

    @TempDir
    Path root;

    private HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean silent;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private URI start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            if (silent) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String body = path.startsWith(PREFIX + "/") ? answers.get(path.substring(PREFIX.length() + 1)) : null;
            byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.setExecutor(runnable -> Thread.ofVirtual().start(runnable));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PREFIX);
    }

    private Facts gather(FixtureHost host, Optional<URI> url, Duration budget) {
        return new FactsService(host.paths(), host.processes(), new HttpMetadataClient(), Clock.systemUTC())
                .gather(new FactsRequest(Optional.empty(), url, budget));
    }

    @Test
    void consistentMetadataGivesProviderFactsAndNoWarning() throws IOException {
        FixtureHost host = FixtureHost.load("hetzner-dhcp", root);
        answers.putAll(host.metadata().answers());
        URI url = start();

        Facts facts = gather(host, Optional.of(url), Duration.ofSeconds(5));

        assertThat(facts.info().provider().instanceId()).isEqualTo("48151623");
        assertThat(facts.info().provider().region()).isEqualTo("eu-central");
        assertThat(facts.info().provider().zone()).isEqualTo("hel1-dc2");
        assertThat(facts.warnings()).isEmpty();
        assertThat(requests)
                .contains(PREFIX + "/network-config", PREFIX + "/private-networks", PREFIX + "/public-keys");
    }

    @Test
    void disagreementsBecomeWarnings() throws IOException {
        FixtureHost host = FixtureHost.load("private-network", root);
        answers.putAll(host.metadata().answers());
        answers.put("hostname", "web-2");
        answers.put("instance-id", "99999999");
        answers.put("public-ipv4", "198.51.100.7");
        answers.put(
                "public-keys",
                "[\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDP52mEa9K70/JO+uZe9l9KqfztiDo1SxvteY/o3QbKA"
                        + " ci@deploy\", \"ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHQiPojqSxe+"
                        + "/BUt/Ytn8a9gUcCKvKpNXGxsXZ2/F8Ft/21fT2g+6SobiAX87uWf6fHdm79h63I7FnFryFNVme0= bob@desk\"]");
        answers.put("network-config", answers.get("network-config").replace("96:00:02:a1:b2:c3", "96:00:02:ff:ff:ff"));
        answers.put("private-networks", answers.get("private-networks").replace("ip: 10.0.0.2", "ip: 10.0.0.9"));
        URI url = start();

        Facts facts = gather(host, Optional.of(url), Duration.ofSeconds(5));

        assertThat(facts.warnings())
                .extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("'web-2'").contains("keeps 'web-1'"))
                .anySatisfy(m -> assertThat(m).contains("instance-id 99999999 is not the DMI serial (48151623)"))
                .anySatisfy(m -> assertThat(m).contains("198.51.100.7 is on no NIC"))
                .anySatisfy(m -> assertThat(m).contains("'bob@desk'").contains("not in root's authorized_keys"))
                .anySatisfy(m -> assertThat(m).contains("NIC 96:00:02:ff:ff:ff (eth0)"))
                .anySatisfy(m -> assertThat(m).contains("private network backend puts 10.0.0.9 on ens10"))
                .noneSatisfy(m -> assertThat(m).contains("ci@deploy"));
        assertThat(facts.warnings()).allSatisfy(f -> assertThat(f.source()).isEqualTo("metadata"));
        assertThat(facts.info().provider().instanceId()).isEqualTo("99999999");
    }

    @Test
    void aHostileHostNameFromTheServiceReachesTheWarningsBoundedAndEscaped() throws IOException {
        FixtureHost host = FixtureHost.load("private-network", root);
        answers.putAll(host.metadata().answers());
        answers.put("hostname", "\u001b]0;owned\u0007\u0000" + "x".repeat(100_000));
        URI url = start();

        Facts facts = gather(host, Optional.of(url), Duration.ofSeconds(5));

        assertThat(facts.warnings())
                .extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("\\u001b]0;owned\\u0007\\u0000"))
                .allSatisfy(m -> assertThat(m)
                        .hasSizeLessThanOrEqualTo(Finding.MAX_MESSAGE + 60)
                        .doesNotContain("\u001b", "\u0007", "\u0000"));
    }

    @Test
    void publicKeysAsAYamlListAreReadLikeTheJsonArray() throws IOException {
        FixtureHost host = FixtureHost.load("private-network", root);
        answers.putAll(host.metadata().answers());
        answers.put(
                "public-keys",
                "- ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDP52mEa9K70/JO+uZe9l9KqfztiDo1SxvteY/o3QbKA ci@deploy\n"
                        + "- ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHQiPojqSxe+"
                        + "/BUt/Ytn8a9gUcCKvKpNXGxsXZ2/F8Ft/21fT2g+6SobiAX87uWf6fHdm79h63I7FnFryFNVme0= bob@desk\n");
        URI url = start();

        Facts facts = gather(host, Optional.of(url), Duration.ofSeconds(5));

        assertThat(facts.warnings())
                .extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("'bob@desk'").contains("not in root's authorized_keys"))
                .noneSatisfy(m -> assertThat(m).contains("not understood"))
                .noneSatisfy(m -> assertThat(m).contains("ci@deploy"));
    }

    @Test
    void silentServiceOnHetznerIsAWarningWithinTheBudget() throws IOException {
        FixtureHost host = FixtureHost.load("hetzner-dhcp", root);
        silent = true;
        URI url = start();
        // Long enough that the one request reaches the server even on a loaded machine.
        Duration budget = Duration.ofMillis(1000);
        FactsService service =
                new FactsService(host.paths(), host.processes(), new SilentAware(url), Clock.systemUTC());

        long started = System.nanoTime();
        Facts facts = service.gather(new FactsRequest(Optional.empty(), Optional.empty(), budget));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(elapsedMs).isLessThan(4000);
        assertThat(facts.warnings())
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("DMI says Hetzner but the metadata service failed")
                        .contains("no answer within"));
        assertThat(facts.info().provider().instanceId()).isEqualTo("48151623");
        assertThat(facts.info().provider().region()).isNull();
        // One request, never a retry within the budget (under heavy load it may not have arrived yet).
        assertThat(requests).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void silentServiceNamedExplicitlyIsARemoteError() throws IOException {
        FixtureHost host = FixtureHost.load("hetzner-dhcp", root);
        silent = true;
        URI url = start();

        assertThatThrownBy(() -> gather(host, Optional.of(url), Duration.ofMillis(300)))
                .isInstanceOfSatisfying(
                        FactsException.class, e -> assertThat(e.category()).isEqualTo(FactsException.Category.REMOTE))
                .hasMessageContaining(url.toString())
                .hasMessageContaining("no answer within");
    }

    @Test
    void refusedConnectionNamedExplicitlyIsARemoteError() throws IOException {
        FixtureHost host = FixtureHost.load("hetzner-dhcp", root);
        URI url = start();
        server.stop(0);

        assertThatThrownBy(() -> gather(host, Optional.of(url), Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(
                        FactsException.class, e -> assertThat(e.category()).isEqualTo(FactsException.Category.REMOTE));
    }

    @Test
    void outsideHetznerWithoutUrlNothingIsAsked() throws IOException {
        FixtureHost host = FixtureHost.load("hetzner-dhcp", root);
        Files.writeString(root.resolve("sys/class/dmi/id/sys_vendor"), "QEMU\n");
        answers.putAll(host.metadata().answers());
        start();

        Facts facts = new FactsService(host.paths(), host.processes(), host.metadata(), Clock.systemUTC())
                .gather(FactsRequest.defaults());

        assertThat(host.metadata().requests()).isEmpty();
        assertThat(requests).isEmpty();
        assertThat(facts.info().provider()).isNull();
    }

    @Test
    void onHetznerTheDefaultAddressIsAsked() {
        FixtureHost host = FixtureHost.load("hetzner-dhcp", root);

        new FactsService(host.paths(), host.processes(), host.metadata(), Clock.systemUTC())
                .gather(FactsRequest.defaults());

        assertThat(host.metadata().requests())
                .first()
                .isEqualTo(URI.create("http://169.254.169.254/hetzner/v1/metadata/instance-id"));
    }

    /** Sends requests for the default address to the local silent server instead of 169.254.169.254. */
    private static final class SilentAware implements MetadataClient {
        private final URI local;
        private final HttpMetadataClient http = new HttpMetadataClient();

        SilentAware(URI local) {
            this.local = local;
        }

        @Override
        public String get(URI url, Duration timeout) throws MetadataException {
            String leaf = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
            return http.get(MetadataFacts.leaf(local, leaf), timeout);
        }
    }
}
