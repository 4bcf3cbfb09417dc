package dev.reinstaller.installer.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.system.FakeClock;
import dev.reinstaller.installer.system.InstallerException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Name resolution and the binary cache check with the real resolver (for {@code localhost}) and the
 * real HTTP check against a fake cache on 127.0.0.1; waits run on a fake clock.
 */
class ReachabilityTest {
    private final FakeClock clock = new FakeClock();
    private final EventLog events = new EventLog(clock, new PrintWriter(new StringWriter()));
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/nix-cache-info", exchange -> {
            byte[] body = "StoreDir: /nix/store\nWantMassQuery: 1\nPriority: 40\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI cache() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    @Test
    void aFlakeBuildNeedsTheNameToResolveAndTheCacheToAnswer() {
        Reachability.system(cache()).prove(events, clock, true, () -> true);

        assertThat(events.events())
                .extracting(e -> ((Event.LogLine) e).line())
                .satisfiesExactly(
                        line -> assertThat(line).startsWith("localhost resolves to ["),
                        line -> assertThat(line).isEqualTo("binary cache " + cache() + " answers"));
    }

    @Test
    void aCacheThatDoesNotAnswerFailsTheFlakeBuildAfterTheDeadline() {
        status.set(503);

        assertThatThrownBy(() -> Reachability.system(cache()).prove(events, clock, true, () -> true))
                .isInstanceOf(InstallerException.class)
                .hasMessageContaining("does not answer within 30 s")
                .hasMessageContaining("answered HTTP 503");
        assertThat(clock.sleeps()).isNotEmpty();
    }

    @Test
    void aClosureInstallOnlyReportsANameThatDoesNotResolve() {
        Reachability failing = new Reachability(
                (host, timeout) -> {
                    throw new InstallerException(InstallerException.Category.TRANSIENT, "cannot resolve " + host);
                },
                (url, timeout) -> {
                    throw new AssertionError("a closure install needs no binary cache");
                },
                BinaryCache.NIXOS);

        failing.prove(events, clock, true, () -> false);

        assertThat(events.events())
                .containsExactly(new Event.LogLine(
                        dev.reinstaller.installer.events.Phase.NETWORK,
                        "cannot resolve cache.nixos.org; the closure install does not need it"));
        assertThatThrownBy(() -> failing.prove(events, clock, true, () -> true))
                .hasMessageContaining("names must resolve for the flake build: cannot resolve cache.nixos.org");
    }

    @Test
    void aFlakeBuildWithoutResolversIsRefusedAndTheRealResolverHasADeadline() {
        assertThatThrownBy(() -> Reachability.system(cache()).prove(events, clock, false, () -> true))
                .hasMessageContaining("runtime info names no resolvers");
        assertThat(NameResolver.system().resolve("localhost", Duration.ofSeconds(5)))
                .isNotEmpty();
        assertThatThrownBy(() -> NameResolver.system().resolve("no-such-host.invalid", Duration.ofSeconds(5)))
                .isInstanceOf(InstallerException.class);
    }
}
