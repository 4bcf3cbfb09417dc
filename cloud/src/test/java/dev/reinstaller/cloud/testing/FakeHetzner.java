package dev.reinstaller.cloud.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A Hetzner API on 127.0.0.1:0 for tests. Answers are scripted per {@code "METHOD /path"} (the path
 * below {@code /v1}, query included when the script names one): queued answers first, then the route's
 * standing answer, else 404 {@code not_found}. Records every request. Optional latency per answer.
 */
public final class FakeHetzner implements AutoCloseable {
    /** One scripted answer. */
    public record Answer(int status, String body, Map<String, String> headers) {
        public static Answer json(int status, String body) {
            return new Answer(status, body, Map.of());
        }

        public static Answer error(int status, String code, String message) {
            return json(
                    status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"details\":{}}}");
        }
    }

    /** A request as the fake saw it. */
    public record Seen(String method, String path, String query, String authorization, String body, long nanos) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Deque<Answer>> queued = new HashMap<>();
    private final Map<String, Function<Seen, Answer>> standing = new HashMap<>();
    private final List<Seen> seen = new ArrayList<>();
    private volatile Duration latency = Duration.ZERO;

    public FakeHetzner() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The endpoint to put in HCLOUD_ENDPOINT. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    public FakeHetzner latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** Queues answers for a route, used in order before its standing answer. */
    public synchronized FakeHetzner then(String route, Answer... answers) {
        queued.computeIfAbsent(route, r -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    /** The answer for a route once its queue is empty. */
    public synchronized FakeHetzner always(String route, Function<Seen, Answer> answer) {
        standing.put(route, answer);
        return this;
    }

    public FakeHetzner always(String route, Answer answer) {
        return always(route, s -> answer);
    }

    /** {@code GET /servers/ID} answers this server (no labels), every time. */
    public FakeHetzner server(long id, String name, String ipv4) {
        return always(
                "GET /servers/" + id, Answer.json(200, "{\"server\":" + serverJson(id, name, ipv4, Map.of()) + "}"));
    }

    /** {@code GET /servers} answers one page of these servers (as {@link #serverJson} makes them), every time. */
    public FakeHetzner servers(String... servers) {
        return always("GET /servers", Answer.json(200, page("servers", List.of(servers), null)));
    }

    /** {@code GET /firewalls} answers one page of these firewalls, every time. */
    public FakeHetzner firewalls(String... firewalls) {
        return always("GET /firewalls", Answer.json(200, page("firewalls", List.of(firewalls), null)));
    }

    public synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    public synchronized long count(String method, String path) {
        return seen.stream()
                .filter(s -> s.method().equals(method) && s.path().equals(path))
                .count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getPath().replaceFirst("^/v1", "");
            String query = uri.getRawQuery() == null ? "" : uri.getQuery();
            Seen request = new Seen(
                    exchange.getRequestMethod(),
                    path,
                    query,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    System.nanoTime());
            Answer answer = answer(request);
            if (!latency.isZero()) {
                Thread.sleep(latency);
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Answer answer(Seen request) {
        seen.add(request);
        String withQuery =
                request.method() + " " + request.path() + (request.query().isEmpty() ? "" : "?" + request.query());
        String plain = request.method() + " " + request.path();
        for (String route : List.of(withQuery, plain)) {
            Deque<Answer> queue = queued.get(route);
            if (queue != null && !queue.isEmpty()) {
                return queue.poll();
            }
        }
        return Optional.ofNullable(standing.get(withQuery))
                .or(() -> Optional.ofNullable(standing.get(plain)))
                .map(f -> f.apply(request))
                .orElse(Answer.error(404, "not_found", "no route " + plain + " in the fake"));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** JSON of a server as the API sends it, with a field this client does not know. */
    public static String serverJson(long id, String name, String ipv4, Map<String, String> labels) {
        StringBuilder l = new StringBuilder();
        labels.forEach((k, v) -> l.append(l.isEmpty() ? "" : ",")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v)
                .append('"'));
        return "{\"id\":" + id + ",\"name\":\"" + name
                + "\",\"status\":\"running\",\"created\":\"2024-01-01T00:00:00+00:00\","
                + "\"public_net\":{\"ipv4\":{\"id\":1,\"ip\":\"" + ipv4 + "\",\"blocked\":false,\"dns_ptr\":\"x\"},"
                + "\"ipv6\":{\"id\":2,\"ip\":\"2a01:4f8:1:" + Long.toHexString(id)
                + "::/64\",\"blocked\":false,\"dns_ptr\":[]},"
                + "\"floating_ips\":[],\"firewalls\":[],\"brand_new_field\":{\"x\":1}},"
                + "\"rescue_enabled\":false,\"locked\":false,\"labels\":{" + l + "},"
                + "\"server_type\":{\"id\":1,\"name\":\"cx22\",\"cores\":2,\"unknown_thing\":true},"
                + "\"future_field\":[1,2,3]}";
    }

    public static String actionJson(long id, String command, String status, int progress) {
        return "{\"action\":{\"id\":" + id + ",\"command\":\"" + command + "\",\"status\":\"" + status
                + "\",\"progress\":" + progress + ",\"started\":\"2024-01-01T00:00:00+00:00\",\"finished\":null,"
                + "\"resources\":[{\"id\":42,\"type\":\"server\"}],\"error\":"
                + (status.equals("error") ? "{\"code\":\"action_failed\",\"message\":\"it broke\"}" : "null")
                + ",\"new_in_v2\":\"x\"}}";
    }

    public static String page(String key, List<String> items, Long next) {
        return "{\"" + key + "\":[" + String.join(",", items)
                + "],\"meta\":{\"pagination\":{\"page\":1,\"per_page\":50," + "\"previous_page\":null,\"next_page\":"
                + next + ",\"last_page\":2,\"total_entries\":3}}}";
    }
}
