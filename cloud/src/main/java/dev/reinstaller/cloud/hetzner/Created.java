package dev.reinstaller.cloud.hetzner;

import java.util.Optional;

/**
 * The answer to a create, rebuild or rescue request: the action to await and, where the API made one,
 * a root password (kept out of {@link #toString()}).
 */
public record Created(Optional<Server> server, Action action, Optional<String> rootPassword) {
    @Override
    public String toString() {
        return "Created[server=" + server + ", action=" + action + ", rootPassword="
                + (rootPassword.isPresent() ? "(set)" : "(none)") + "]";
    }
}
