package dev.reinstaller.protocol;

/**
 * What the cloud provider says about the server.
 *
 * @param name provider, e.g. {@code hetzner}
 * @param instanceId server id at the provider
 * @param region e.g. {@code eu-central}
 * @param zone e.g. {@code hel1-dc2}
 */
public record Provider(String name, String instanceId, String region, String zone) {
    public Provider {
        Check.token("provider.name", name, 32);
        instanceId = Check.optionalToken("provider.instanceId", instanceId, 64);
        region = Check.optionalToken("provider.region", region, 64);
        zone = Check.optionalToken("provider.zone", zone, 64);
    }
}
