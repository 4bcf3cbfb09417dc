package dev.reinstaller.cloud.hetzner;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach the API, read once from the environment the way the hcloud CLI and the Terraform
 * provider read it: {@code HCLOUD_TOKEN}, and {@code HCLOUD_ENDPOINT} (default
 * {@value #DEFAULT_ENDPOINT}). The endpoint is an https URL, or an http one, with a host and no user
 * part; the token is printable ASCII without spaces. Anything else is an {@link InvalidSetting} naming
 * the variable (and, for the endpoint, the value, bounded and escaped). The token never appears in
 * {@link #toString()} or a message.
 */
public record HetznerConfig(String token, URI endpoint) {
    public static final String DEFAULT_ENDPOINT = "https://api.hetzner.cloud/v1";

    public HetznerConfig {
        if (token == null || token.isBlank()) {
            throw new InvalidSetting("HCLOUD_TOKEN", "no API token: set HCLOUD_TOKEN");
        }
        if (!token.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new InvalidSetting(
                    "HCLOUD_TOKEN",
                    "HCLOUD_TOKEN holds spaces or characters outside printable ASCII; no API token does");
        }
        Optional<String> problem = problem(endpoint);
        if (problem.isPresent()) {
            throw invalidEndpoint(problem.get(), String.valueOf(endpoint));
        }
    }

    /** From {@code HCLOUD_TOKEN} and {@code HCLOUD_ENDPOINT}; empty when no token is set. */
    public static Optional<HetznerConfig> fromEnvironment(Map<String, String> environment) {
        String token = environment.get("HCLOUD_TOKEN");
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String endpoint = environment.getOrDefault("HCLOUD_ENDPOINT", "");
        String given = endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint.strip();
        try {
            return Optional.of(new HetznerConfig(token.strip(), new URI(given)));
        } catch (URISyntaxException e) {
            throw invalidEndpoint("is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")", given);
        }
    }

    private static Optional<String> problem(URI endpoint) {
        if (endpoint == null) {
            return Optional.of("is not set");
        }
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must start with https:// (or http://)");
        }
        if (endpoint.getHost() == null || endpoint.getHost().isEmpty()) {
            return Optional.of("has no host");
        }
        if (endpoint.getRawUserInfo() != null) {
            return Optional.of("must not hold a user name or password");
        }
        if (endpoint.getPort() != -1 && (endpoint.getPort() < 1 || endpoint.getPort() > 65_535)) {
            return Optional.of("has port " + endpoint.getPort() + " (ports are 1 to 65535)");
        }
        return Optional.empty();
    }

    private static InvalidSetting invalidEndpoint(String problem, String value) {
        return new InvalidSetting("HCLOUD_ENDPOINT", "HCLOUD_ENDPOINT " + problem + ", got " + Shown.quoted(value));
    }

    @Override
    public String toString() {
        return "HetznerConfig[endpoint=" + endpoint + ", token=(set)]";
    }

    /** An environment variable holds a value the client cannot use; the operator's input, not the API's fault. */
    public static final class InvalidSetting extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final String variable;

        InvalidSetting(String variable, String message) {
            super(message);
            this.variable = variable;
        }

        /** {@code HCLOUD_ENDPOINT} or {@code HCLOUD_TOKEN}. */
        public String variable() {
            return variable;
        }
    }
}
