package dev.reinstaller.cloud.hetzner.tomsdevsn;

import dev.reinstaller.cloud.hetzner.Action;
import dev.reinstaller.cloud.hetzner.CreateServer;
import dev.reinstaller.cloud.hetzner.Created;
import dev.reinstaller.cloud.hetzner.Firewall;
import dev.reinstaller.cloud.hetzner.HetznerApi;
import dev.reinstaller.cloud.hetzner.HetznerConfig;
import dev.reinstaller.cloud.hetzner.HetznerException;
import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.hetzner.Shown;
import dev.reinstaller.cloud.hetzner.SshKey;
import dev.reinstaller.cloud.hetzner.tomsdevsn.ApiInterceptor.Retries;
import dev.reinstaller.cloud.wait.Backoff;
import dev.reinstaller.cloud.wait.TokenBucket;
import dev.reinstaller.cloud.wait.Waiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import me.tomsdevsn.hetznercloud.HetznerCloudAPI;
import me.tomsdevsn.hetznercloud.objects.general.Meta;
import me.tomsdevsn.hetznercloud.objects.pagination.PaginationParameters;
import me.tomsdevsn.hetznercloud.objects.request.CreateServerRequest;
import me.tomsdevsn.hetznercloud.objects.request.EnableRescueRequest;
import me.tomsdevsn.hetznercloud.objects.request.RebuildServerRequest;
import me.tomsdevsn.hetznercloud.objects.response.CreateServerResponse;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * {@link HetznerApi} on {@code me.tomsdevsn:hetznercloud-api}. The library's base URL is fixed; the
 * {@link ApiInterceptor} moves every request to {@link HetznerConfig#endpoint()}, limits the rate,
 * retries and checks each reply is one JSON object. Every failure becomes a {@link HetznerException}
 * naming the call and the server ({@link Failures}); a reply without what a call needs is a
 * {@code BAD_REPLY} naming the field. A listing reads at most {@value #MAX_PAGES} pages within
 * {@link #LIST_DEADLINE}.
 */
public final class TomsdevsnHetznerApi implements HetznerApi, AutoCloseable {
    /** How long one call may keep retrying (rate limit, locked, server errors). */
    public static final Duration CALL_DEADLINE = Duration.ofMinutes(2);

    /** How long a run of failed connections (refused, no route, unknown host) is retried. */
    public static final Duration CONNECT_DEADLINE = Duration.ofSeconds(15);

    /** How long a listing may take over all its pages (checked before each page). */
    public static final Duration LIST_DEADLINE = Duration.ofMinutes(5);

    /** The most pages a listing reads: 5,000 entries, far beyond a project's servers or firewalls. */
    public static final int MAX_PAGES = 100;

    /** The longest pause a 429's Retry-After or RateLimit-Reset can make. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    static final Backoff RETRY = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    static final Backoff CONNECT_RETRY = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
    private static final int PAGE = 50;

    private final HetznerCloudAPI api;
    private final OkHttpClient http;
    private final Failures failures;
    private final Waiter waiter;

    private TomsdevsnHetznerApi(HetznerCloudAPI api, OkHttpClient http, Failures failures, Waiter waiter) {
        this.api = api;
        this.http = http;
        this.failures = failures;
        this.waiter = waiter;
    }

    /** A client that retries silently (tests, and callers without a terminal to tell). */
    public static TomsdevsnHetznerApi create(
            HetznerConfig config, TokenBucket limiter, Waiter waiter, Duration callDeadline) {
        return create(config, limiter, waiter, callDeadline, line -> {});
    }

    /**
     * @param limiter the request budget shared by every call of this process
     * @param callDeadline how long one call keeps retrying
     * @param notices gets one line per retry as it is decided: what failed, the next try, the deadline
     */
    public static TomsdevsnHetznerApi create(
            HetznerConfig config, TokenBucket limiter, Waiter waiter, Duration callDeadline, Consumer<String> notices) {
        HttpUrl endpoint = HttpUrl.get(config.endpoint().toString());
        Failures failures = new Failures(Shown.bounded(config.endpoint().toString()), config.token());
        Duration connect = CONNECT_DEADLINE.compareTo(callDeadline) < 0 ? CONNECT_DEADLINE : callDeadline;
        Retries retries = new Retries(callDeadline, RETRY, connect, CONNECT_RETRY, MAX_RETRY_AFTER, notices);
        OkHttpClient http = new OkHttpClient.Builder()
                .addInterceptor(new ApiInterceptor(endpoint, failures, limiter, waiter, retries))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .retryOnConnectionFailure(false)
                .build();
        return new TomsdevsnHetznerApi(new HetznerCloudAPI(config.token(), http), http, failures, waiter);
    }

    @Override
    public Server server(long id) {
        return call("get server " + id, () -> api.getServer(id), r -> Convert.server(r.getServer(), "server"));
    }

    @Override
    public Optional<Server> serverByName(String name) {
        return call(
                        "find server named " + name,
                        () -> api.getServer(name),
                        r -> Convert.servers(r.getServers(), "servers"))
                .stream()
                .filter(s -> name.equals(s.name()))
                .findFirst();
    }

    @Override
    public List<Server> servers(String labelSelector) {
        return pages(
                "list servers with labels " + labelSelector,
                "servers",
                page -> api.getServers(labelSelector, page),
                r -> r.getServers(),
                r -> r.getMeta(),
                Convert::server);
    }

    @Override
    public Action action(long id) {
        return call("get action " + id, () -> api.getAction(id), r -> Convert.action(r.getAction(), "action"));
    }

    @Override
    public Created rebuild(long serverId, String image) {
        return call(
                "rebuild server " + serverId + " with " + image,
                () -> api.rebuildServer(serverId, new RebuildServerRequest(image)),
                r -> new Created(
                        Optional.empty(),
                        Convert.action(r.getAction(), "action"),
                        Optional.ofNullable(r.getRootPassword())));
    }

    @Override
    public Created enableRescue(long serverId, List<Long> sshKeyIds) {
        return call(
                "enable rescue on server " + serverId,
                () -> api.enableRescue(serverId, new EnableRescueRequest("linux64", List.copyOf(sshKeyIds))),
                r -> new Created(
                        Optional.empty(),
                        Convert.action(r.getAction(), "action"),
                        Optional.ofNullable(r.getRootPassword())));
    }

    @Override
    public Action disableRescue(long serverId) {
        return call(
                "disable rescue on server " + serverId,
                () -> api.disableRescue(serverId),
                r -> Convert.action(r.getAction(), "action"));
    }

    @Override
    public Action reset(long serverId) {
        return call(
                "reset server " + serverId,
                () -> api.resetServer(serverId),
                r -> Convert.action(r.getAction(), "action"));
    }

    @Override
    public Action powerOn(long serverId) {
        return call(
                "power on server " + serverId,
                () -> api.powerOnServer(serverId),
                r -> Convert.action(r.getAction(), "action"));
    }

    @Override
    public Created create(CreateServer request) {
        return call(
                "create server " + request.name(),
                () -> api.createServer(CreateServerRequest.builder()
                        .name(request.name())
                        .serverType(request.serverType())
                        .image(request.image())
                        .location(request.location())
                        .sshKeys(request.sshKeys())
                        .labels(request.labels())
                        .startAfterCreate(true)
                        .build()),
                (CreateServerResponse r) -> new Created(
                        Optional.of(Convert.server(r.getServer(), "server")),
                        Convert.action(r.getAction(), "action"),
                        Optional.ofNullable(r.getRootPassword())));
    }

    @Override
    public Action delete(long serverId) {
        return call(
                "delete server " + serverId,
                () -> api.deleteServer(serverId),
                r -> Convert.action(r.getAction(), "action"));
    }

    @Override
    public List<Firewall> firewallsOf(Server server) {
        return pages(
                        "list firewalls for server " + server.id(),
                        "firewalls",
                        page -> api.getFirewalls(page),
                        r -> r.getFirewalls(),
                        r -> r.getMeta(),
                        (f, path) -> Convert.firewallOf(f, path, server))
                .stream()
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public List<SshKey> sshKeys() {
        return pages(
                "list SSH keys",
                "ssh_keys",
                page -> api.getSSHKeys(page),
                r -> r.getSshKeys(),
                r -> r.getMeta(),
                Convert::sshKey);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /**
     * Every page of a listing, at most {@value #MAX_PAGES} of them within {@link #LIST_DEADLINE}; a
     * {@code next_page} that does not move forward, or points past the cap, is a bad reply.
     *
     * @param key the JSON field that holds the items ({@code servers}), for messages
     */
    private <R, T, U> List<U> pages(
            String what,
            String key,
            Function<PaginationParameters, R> fetch,
            Function<R, List<T>> items,
            Function<R, Meta> meta,
            BiFunction<T, String, U> convert) {
        Instant end = waiter.clock().instant().plus(LIST_DEADLINE);
        List<U> out = new ArrayList<>();
        for (int page = 1; ; ) {
            String attempted = what + " (page " + page + ")";
            if (page > 1 && !waiter.clock().instant().isBefore(end)) {
                throw new HetznerException(
                        HetznerException.Category.TRANSIENT,
                        attempted,
                        0,
                        "timeout",
                        "the listing took longer than " + LIST_DEADLINE.toSeconds() + " s over " + (page - 1)
                                + " pages",
                        null);
            }
            PaginationParameters parameters = new PaginationParameters(page, PAGE);
            int current = page;
            Long next = call(attempted, () -> fetch.apply(parameters), r -> {
                List<T> found = BadReply.each(items.apply(r), key);
                for (int i = 0; i < found.size(); i++) {
                    out.add(convert.apply(found.get(i), key + "[" + i + "]"));
                }
                Meta m = meta.apply(r);
                Long after = m == null || m.getPagination() == null
                        ? null
                        : m.getPagination().getNextPage();
                return found.isEmpty() ? null : checkedNext(after, current);
            });
            if (next == null) {
                return out;
            }
            page = Math.toIntExact(next);
        }
    }

    private static Long checkedNext(Long next, int page) {
        if (next == null) {
            return null;
        }
        if (next <= page) {
            throw new BadReply("meta.pagination.next_page", "is " + next + " after page " + page);
        }
        if (next > MAX_PAGES) {
            throw new BadReply(
                    "meta.pagination.next_page",
                    "is " + next + " after " + page + " pages; at most " + MAX_PAGES + " pages are read");
        }
        return next;
    }

    /** Runs one library call and converts its reply; every way either can fail becomes one {@link HetznerException}. */
    private <R, T> T call(String attempted, Supplier<R> request, Function<R, T> convert) {
        try {
            return convert.apply(BadReply.need(request.get(), "(the reply)"));
        } catch (RuntimeException e) {
            throw failures.of(attempted, e);
        }
    }
}
