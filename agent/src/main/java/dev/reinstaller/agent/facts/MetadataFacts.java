package dev.reinstaller.agent.facts;

import dev.reinstaller.hostinfo.metadata.MetadataClient;
import dev.reinstaller.protocol.InvalidFieldException;
import dev.reinstaller.protocol.Machine;
import dev.reinstaller.protocol.Nic;
import dev.reinstaller.protocol.Provider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Provider facts from the Hetzner metadata service, asked only on Hetzner hardware (DMI manufacturer)
 * or when a URL was given, all requests together within the request's budget. What the service says
 * is compared with what the host says; disagreements become findings, and the host's own facts win.
 */
record MetadataFacts(MetadataClient client, Clock clock, Findings findings) {
    /** What the host itself says, to compare against. */
    record Local(String hostName, Machine machine, List<String> authorizedKeys, List<Nic> nics) {}

    static final String INSTANCE_ID = "instance-id";
    static final String HOSTNAME = "hostname";
    private static final List<String> KEYS = List.of(
            INSTANCE_ID,
            HOSTNAME,
            "region",
            "availability-zone",
            "public-ipv4",
            "public-keys",
            "network-config",
            "private-networks");

    Optional<Provider> gather(FactsRequest request, Local local) {
        boolean explicit = request.metadataUrl().isPresent();
        if (!explicit && !local.machine().isHetzner()) {
            return Optional.empty();
        }
        URI base = request.metadataUrl().orElse(FactsRequest.DEFAULT_METADATA_URL);
        Instant deadline = clock.instant().plus(request.metadataTimeout());
        Map<String, String> answers = new LinkedHashMap<>();
        for (String key : KEYS) {
            Duration left = Duration.between(clock.instant(), deadline);
            URI url = leaf(base, key);
            if (left.isNegative() || left.isZero()) {
                findings.warn(
                        "metadata",
                        "no time left to ask " + url + " (budget "
                                + request.metadataTimeout().toMillis() + " ms)");
                break;
            }
            try {
                answers.put(key, client.get(url, left).strip());
            } catch (MetadataClient.MetadataException e) {
                if (key.equals(INSTANCE_ID) || key.equals(HOSTNAME)) {
                    return unreachable(explicit, base, local.machine(), e);
                }
                findings.warn("metadata", e.getMessage());
                if (!e.answered()) {
                    break;
                }
            }
        }
        MetadataChecks checks = new MetadataChecks(findings);
        checks.hostName(answers.get(HOSTNAME), local.hostName());
        checks.instanceId(answers.get(INSTANCE_ID), local.machine());
        checks.publicKeys(answers.get("public-keys"), local.authorizedKeys());
        checks.publicIpv4(answers.get("public-ipv4"), local.nics());
        checks.networkConfig(answers.get("network-config"), local.nics());
        checks.privateNetworks(answers.get("private-networks"), local.nics());
        return Optional.of(provider(answers.get(INSTANCE_ID), answers.get("region"), answers.get("availability-zone")));
    }

    private Optional<Provider> unreachable(
            boolean explicit, URI base, Machine machine, MetadataClient.MetadataException e) {
        if (explicit) {
            throw new FactsException(
                    FactsException.Category.REMOTE,
                    "the metadata service at " + base + " failed: " + e.getMessage(),
                    e);
        }
        findings.warn(
                "metadata",
                "DMI says Hetzner but the metadata service failed (" + e.getMessage()
                        + "); provider facts come from DMI only and nothing was cross-checked");
        return Optional.of(provider(machine.serial(), null, null));
    }

    private Provider provider(String instanceId, String region, String zone) {
        try {
            return new Provider("hetzner", blankToNull(instanceId), blankToNull(region), blankToNull(zone));
        } catch (InvalidFieldException e) {
            findings.warn("metadata", "provider facts not usable (" + e.getMessage() + "); recorded without them");
            return new Provider("hetzner", null, null, null);
        }
    }

    static URI leaf(URI base, String key) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text : text + "/") + key);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
