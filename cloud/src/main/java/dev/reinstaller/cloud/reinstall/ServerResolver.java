package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.hetzner.HetznerApi;
import dev.reinstaller.cloud.hetzner.Server;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the operator's server names, ids and selectors into servers, each once, in the order given. */
public final class ServerResolver {
    private final HetznerApi api;

    public ServerResolver(HetznerApi api) {
        this.api = api;
    }

    /** @throws ResolveException naming every reference that matched nothing */
    public List<Server> resolve(List<ServerRef> refs) {
        Map<Long, Server> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ServerRef ref : refs) {
            switch (ref) {
                case ServerRef.ById byId -> {
                    Server s = api.server(byId.id());
                    found.putIfAbsent(s.id(), s);
                }
                case ServerRef.ByName byName ->
                    api.serverByName(byName.name())
                            .ifPresentOrElse(
                                    s -> found.putIfAbsent(s.id(), s),
                                    () -> missing.add("no server named " + byName.name()));
                case ServerRef.BySelector selector -> {
                    List<Server> matched = api.servers(selector.selector());
                    if (matched.isEmpty()) {
                        missing.add("no server matches " + selector.selector());
                    }
                    matched.forEach(s -> found.putIfAbsent(s.id(), s));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new ResolveException(String.join("; ", missing));
        }
        return List.copyOf(found.values());
    }

    /** Some reference matched nothing. */
    public static final class ResolveException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResolveException(String message) {
            super(message);
        }
    }
}
