package dev.reinstaller.cloud.hetzner.tomsdevsn;

import dev.reinstaller.cloud.hetzner.Action;
import dev.reinstaller.cloud.hetzner.CreateServer;
import dev.reinstaller.cloud.hetzner.Created;
import dev.reinstaller.cloud.hetzner.Firewall;
import dev.reinstaller.cloud.hetzner.HetznerApi;
import dev.reinstaller.cloud.hetzner.HetznerConfig;
import dev.reinstaller.cloud.hetzner.HetznerException;
import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.hetzner.SshKey;
import dev.reinstaller.cloud.wait.Backoff;
import dev.reinstaller.cloud.wait.TokenBucket;
import dev.reinstaller.cloud.wait.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import me.tomsdevsn.hetznercloud.HetznerCloudAPI;
import me.tomsdevsn.hetznercloud.exception.APIRequestException;
import me.tomsdevsn.hetznercloud.objects.enums.TargetType;
import me.tomsdevsn.hetznercloud.objects.general.FWApplicationTarget;
import me.tomsdevsn.hetznercloud.objects.general.Meta;
import me.tomsdevsn.hetznercloud.objects.pagination.PaginationParameters;
import me.tomsdevsn.hetznercloud.objects.request.CreateServerRequest;
import me.tomsdevsn.hetznercloud.objects.request.EnableRescueRequest;
import me.tomsdevsn.hetznercloud.objects.request.RebuildServerRequest;
import me.tomsdevsn.hetznercloud.objects.response.CreateServerResponse;
import okhttp3.OkHttpClient;

/**
 * {@link HetznerApi} on {@code me.tomsdevsn:hetznercloud-api}. The library's base URL is fixed; the
 * {@link ApiInterceptor} moves every request to {@link HetznerConfig#endpoint()}, limits the rate and
 * retries. Library exceptions become {@link HetznerException}s naming the call and the server.
 */
public final class TomsdevsnHetznerApi implements HetznerApi, AutoCloseable {
    /** How long one call may keep retrying (rate limit, locked, server errors). */
    public static final Duration CALL_DEADLINE = Duration.ofMinutes(2);

    static final Backoff RETRY = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private static final int PAGE = 50;
    private static final Set<String> TRANSIENT_CODES =
            Set.of("locked", "rate_limit_exceeded", "timeout", "io_error", "unavailable", "server_error");

    private final HetznerCloudAPI api;
    private final OkHttpClient http;

    private TomsdevsnHetznerApi(HetznerCloudAPI api, OkHttpClient http) {
        this.api = api;
        this.http = http;
    }

    /**
     * @param limiter the request budget shared by every call of this process
     * @param callDeadline how long one call keeps retrying
     */
    public static TomsdevsnHetznerApi create(
            HetznerConfig config, TokenBucket limiter, Waiter waiter, Duration callDeadline) {
        OkHttpClient http = new OkHttpClient.Builder()
                .addInterceptor(new ApiInterceptor(config.endpoint(), limiter, waiter, callDeadline, RETRY))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .retryOnConnectionFailure(false)
                .build();
        return new TomsdevsnHetznerApi(new HetznerCloudAPI(config.token(), http), http);
    }

    @Override
    public Server server(long id) {
        return Convert.server(call("get server " + id, () -> api.getServer(id)).getServer());
    }

    @Override
    public Optional<Server> serverByName(String name) {
        return call("find server named " + name, () -> api.getServer(name)).getServers().stream()
                .filter(s -> name.equals(s.getName()))
                .findFirst()
                .map(Convert::server);
    }

    @Override
    public List<Server> servers(String labelSelector) {
        return pages(
                "list servers with labels " + labelSelector,
                page -> api.getServers(labelSelector, page),
                r -> r.getServers(),
                r -> r.getMeta(),
                Convert::server);
    }

    @Override
    public Action action(long id) {
        return Convert.action(call("get action " + id, () -> api.getAction(id)).getAction());
    }

    @Override
    public Created rebuild(long serverId, String image) {
        var response = call(
                "rebuild server " + serverId + " with " + image,
                () -> api.rebuildServer(serverId, new RebuildServerRequest(image)));
        return new Created(
                Optional.empty(),
                Convert.action(response.getAction()),
                Optional.ofNullable(response.getRootPassword()));
    }

    @Override
    public Created enableRescue(long serverId, List<Long> sshKeyIds) {
        var response = call(
                "enable rescue on server " + serverId,
                () -> api.enableRescue(serverId, new EnableRescueRequest("linux64", List.copyOf(sshKeyIds))));
        return new Created(
                Optional.empty(),
                Convert.action(response.getAction()),
                Optional.ofNullable(response.getRootPassword()));
    }

    @Override
    public Action disableRescue(long serverId) {
        return Convert.action(call("disable rescue on server " + serverId, () -> api.disableRescue(serverId))
                .getAction());
    }

    @Override
    public Action reset(long serverId) {
        return Convert.action(call("reset server " + serverId, () -> api.resetServer(serverId))
                .getAction());
    }

    @Override
    public Action powerOn(long serverId) {
        return Convert.action(call("power on server " + serverId, () -> api.powerOnServer(serverId))
                .getAction());
    }

    @Override
    public Created create(CreateServer request) {
        CreateServerResponse response = call(
                "create server " + request.name(),
                () -> api.createServer(CreateServerRequest.builder()
                        .name(request.name())
                        .serverType(request.serverType())
                        .image(request.image())
                        .location(request.location())
                        .sshKeys(request.sshKeys())
                        .labels(request.labels())
                        .startAfterCreate(true)
                        .build()));
        return new Created(
                Optional.of(Convert.server(response.getServer())),
                Convert.action(response.getAction()),
                Optional.ofNullable(response.getRootPassword()));
    }

    @Override
    public Action delete(long serverId) {
        return Convert.action(call("delete server " + serverId, () -> api.deleteServer(serverId))
                .getAction());
    }

    @Override
    public List<Firewall> firewallsOf(Server server) {
        List<me.tomsdevsn.hetznercloud.objects.general.Firewall> all = pages(
                "list firewalls for server " + server.id(),
                page -> api.getFirewalls(page),
                r -> r.getFirewalls(),
                r -> r.getMeta(),
                f -> f);
        return all.stream()
                .filter(f ->
                        f.getAppliedTo() != null && f.getAppliedTo().stream().anyMatch(t -> appliesTo(t, server)))
                .map(Convert::firewall)
                .toList();
    }

    @Override
    public List<SshKey> sshKeys() {
        return pages(
                "list SSH keys", page -> api.getSSHKeys(page), r -> r.getSshKeys(), r -> r.getMeta(), Convert::sshKey);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static boolean appliesTo(FWApplicationTarget target, Server server) {
        if (target.getType() == TargetType.server) {
            return target.getServer() != null
                    && Long.valueOf(server.id()).equals(target.getServer().getId());
        }
        return target.getLabelSelector() != null
                && LabelSelector.matches(target.getLabelSelector().getSelector(), server.labels());
    }

    private <R, T, U> List<U> pages(
            String what,
            Function<PaginationParameters, R> fetch,
            Function<R, List<T>> items,
            Function<R, Meta> meta,
            Function<T, U> convert) {
        List<U> out = new ArrayList<>();
        Integer page = 1;
        while (page != null) {
            PaginationParameters parameters = new PaginationParameters(page, PAGE);
            R response = call(what + " (page " + page + ")", () -> fetch.apply(parameters));
            List<T> found = items.apply(response);
            if (found != null) {
                found.forEach(item -> out.add(convert.apply(item)));
            }
            Meta m = meta.apply(response);
            Long next = m == null || m.getPagination() == null
                    ? null
                    : m.getPagination().getNextPage();
            page = next == null || found == null || found.isEmpty() ? null : Math.toIntExact(next);
        }
        return out;
    }

    /** Runs one library call; every way it can fail becomes one {@link HetznerException}. */
    private static <T> T call(String attempted, Supplier<T> call) {
        try {
            return call.get();
        } catch (APIRequestException e) {
            var error = e.getApiErrorResponse() == null
                    ? null
                    : e.getApiErrorResponse().getError();
            String code = error == null || error.getCode() == null
                    ? "api_error"
                    : error.getCode().name();
            throw new HetznerException(
                    categoryOf(0, code, false),
                    attempted,
                    0,
                    code,
                    error == null ? e.getMessage() : error.getMessage(),
                    e);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ApiFailure f) {
                    throw new HetznerException(
                            categoryOf(f.status(), f.code(), f.retryable()),
                            attempted,
                            f.status(),
                            f.code(),
                            f.apiMessage(),
                            e);
                }
            }
            throw new HetznerException(
                    HetznerException.Category.TRANSIENT,
                    attempted,
                    0,
                    "client_error",
                    e.getClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }

    static HetznerException.Category categoryOf(int status, String code, boolean retryable) {
        if (retryable || status == 429 || status >= 500 || TRANSIENT_CODES.contains(code)) {
            return HetznerException.Category.TRANSIENT;
        }
        if (status == 404 || code.equals("not_found")) {
            return HetznerException.Category.NOT_FOUND;
        }
        if (status == 401
                || status == 403
                || code.equals("unauthorized")
                || code.equals("forbidden")
                || code.equals("token_readonly")) {
            return HetznerException.Category.UNAUTHORIZED;
        }
        return HetznerException.Category.PERMANENT;
    }
}
