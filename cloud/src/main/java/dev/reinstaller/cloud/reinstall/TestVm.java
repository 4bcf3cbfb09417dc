package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.hetzner.ActionWaiter;
import dev.reinstaller.cloud.hetzner.CreateServer;
import dev.reinstaller.cloud.hetzner.Created;
import dev.reinstaller.cloud.hetzner.HetznerApi;
import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.wait.Backoff;
import dev.reinstaller.cloud.wait.Poll;
import dev.reinstaller.cloud.wait.Waiter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A throw-away test server: deletes the server of that name only when it carries the test label
 * {@value #LABEL}{@code =true} (any other server of that name stops the run), creates it anew with the
 * label, and waits until its SSH port answers with an SSH banner.
 */
public final class TestVm {
    public static final String LABEL = "reinstaller-test";

    static final Backoff POLL = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(10));

    private final HetznerApi api;
    private final Waiter waiter;
    private final Duration deadline;

    /** @param deadline for each action and for SSH to come up */
    public TestVm(HetznerApi api, Waiter waiter, Duration deadline) {
        this.api = api;
        this.waiter = waiter;
        this.deadline = deadline;
    }

    /** A server of that name exists without the test label: it is not ours to delete. */
    public static final class NotATestServer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotATestServer(String message) {
            super(message);
        }
    }

    /** Deletes the labelled server of that name, if any, and creates it with the label; returns it. */
    public Server recreate(CreateServer request) {
        ActionWaiter actions = new ActionWaiter(api, waiter);
        Optional<Server> existing = api.serverByName(request.name());
        if (existing.isPresent()) {
            Server old = existing.get();
            if (!"true".equals(old.labels().get(LABEL))) {
                throw new NotATestServer("server " + old + " exists and does not carry the label " + LABEL
                        + "=true; refusing to delete it");
            }
            actions.await(api.delete(old.id()), "server " + old, deadline);
        }
        Map<String, String> labels = new HashMap<>(request.labels());
        labels.put(LABEL, "true");
        Created created = api.create(new CreateServer(
                request.name(), request.serverType(), request.image(), request.location(), request.sshKeys(), labels));
        Server server = created.server()
                .orElseThrow(() -> new IllegalStateException("create " + request.name() + " returned no server"));
        actions.await(created.action(), "server " + server, deadline);
        return server;
    }

    /** Waits until {@code host:port} accepts a connection and sends an SSH banner. */
    public void awaitSsh(String host, int port) {
        waiter.until("SSH on " + host + ":" + port, deadline, POLL, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 5000);
                socket.setSoTimeout(5000);
                byte[] banner = socket.getInputStream().readNBytes(4);
                return new String(banner, StandardCharsets.US_ASCII).equals("SSH-")
                        ? Poll.done(Boolean.TRUE)
                        : Poll.again("no SSH banner");
            } catch (IOException e) {
                return Poll.again(e.getMessage());
            }
        });
    }
}
