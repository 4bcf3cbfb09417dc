package dev.reinstaller.cloud.hetzner;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach the API, read once from the environment the way the hcloud CLI and the Terraform
 * provider read it: {@code HCLOUD_TOKEN}, and {@code HCLOUD_ENDPOINT} (default
 * {@value #DEFAULT_ENDPOINT}). The token never appears in {@link #toString()}.
 */
public record HetznerConfig(String token, URI endpoint) {
    public static final String DEFAULT_ENDPOINT = "https://api.hetzner.cloud/v1";

    public HetznerConfig {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no API token: set HCLOUD_TOKEN");
        }
        if (endpoint == null
                || endpoint.getHost() == null
                || !(endpoint.getScheme().equals("https")
                        || endpoint.getScheme().equals("http"))) {
            throw new IllegalArgumentException("HCLOUD_ENDPOINT must be an http(s) URL, got " + endpoint);
        }
    }

    /** From {@code HCLOUD_TOKEN} and {@code HCLOUD_ENDPOINT}; empty when no token is set. */
    public static Optional<HetznerConfig> fromEnvironment(Map<String, String> environment) {
        String token = environment.get("HCLOUD_TOKEN");
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String endpoint = environment.getOrDefault("HCLOUD_ENDPOINT", "");
        try {
            return Optional.of(new HetznerConfig(
                    token.strip(), URI.create(endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint.strip())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HCLOUD_ENDPOINT is not a URL: " + endpoint, e);
        }
    }

    @Override
    public String toString() {
        return "HetznerConfig[endpoint=" + endpoint + ", token=(set)]";
    }
}
