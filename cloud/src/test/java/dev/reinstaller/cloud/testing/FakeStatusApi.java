package dev.reinstaller.cloud.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The installer's status API as a test double on 127.0.0.1:0: {@code GET /status}, {@code GET /events}
 * (server-sent events: a script of JSON events, one every {@code interval}, honouring
 * {@code Last-Event-ID}), and {@code POST /disk-key} / {@code POST /confirm}, whose bodies it records.
 */
public final class FakeStatusApi implements AutoCloseable {
    /** A run that goes through a few phases, reports host keys and reboots into the new system. */
    public static final List<String> HAPPY_RUN = List.of(
            "{\"type\":\"phase-started\",\"phase\":\"params\"}",
            "{\"type\":\"phase-finished\",\"phase\":\"params\",\"millis\":3}",
            "{\"type\":\"progress\",\"phase\":\"install\",\"step\":\"copy\",\"done\":5,\"total\":10}",
            "{\"type\":\"host-keys\",\"keys\":[{\"purpose\":\"ssh\",\"type\":\"ssh-ed25519\",\"sha256\":\"SHA256:abc\"}]}",
            "{\"type\":\"rebooting\",\"reason\":\"installed\",\"inSeconds\":5,\"toOldSystem\":false}");

    /** A run like {@link #HAPPY_RUN} whose host-keys event carries these two keys with their public parts. */
    public static List<String> happyRun(
            dev.reinstaller.protocol.SshHostKey host, dev.reinstaller.protocol.SshHostKey initrd) {
        return List.of(
                "{\"type\":\"phase-started\",\"phase\":\"keys\"}",
                "{\"type\":\"host-keys\",\"keys\":[" + key("ssh", host) + "," + key("initrd", initrd) + "]}",
                "{\"type\":\"rebooting\",\"reason\":\"installed\",\"inSeconds\":5,\"toOldSystem\":false}");
    }

    private static String key(String purpose, dev.reinstaller.protocol.SshHostKey key) {
        String[] parts = key.publicKeyLine().split(" ");
        return "{\"purpose\":\"" + purpose + "\",\"type\":\"" + parts[0] + "\",\"sha256\":\"" + key.fingerprint()
                + "\",\"publicKey\":\"" + parts[0] + " " + parts[1] + "\"}";
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<String> events;
    private final Duration interval;
    private final List<String> posted = new CopyOnWriteArrayList<>();

    /** @param events JSON objects without {@code seq}; numbered from 1 in order */
    public FakeStatusApi(List<String> events, Duration interval) throws IOException {
        this.events = List.copyOf(events);
        this.interval = interval;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/status", exchange -> {
            try (exchange) {
                byte[] body =
                        "{\"state\":\"running\",\"phase\":\"params\",\"lastSeq\":0}\n".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.createContext("/events", exchange -> {
            try (exchange) {
                String last = exchange.getRequestHeaders().getFirst("Last-Event-ID");
                int after = last == null ? 0 : Integer.parseInt(last.strip());
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                for (int i = after; i < this.events.size(); i++) {
                    if (!interval.isZero()) {
                        Thread.sleep(interval);
                    }
                    String event = this.events.get(i);
                    String json = "{\"seq\":" + (i + 1) + "," + event.substring(1);
                    out.write(("id: " + (i + 1) + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (String path : List.of("/disk-key", "/confirm")) {
            server.createContext(path, exchange -> {
                try (exchange) {
                    posted.add(
                            path + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(202, -1);
                }
            });
        }
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code "/disk-key <body>"} and {@code "/confirm <body>"} in arrival order. */
    public List<String> posted() {
        return List.copyOf(posted);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
