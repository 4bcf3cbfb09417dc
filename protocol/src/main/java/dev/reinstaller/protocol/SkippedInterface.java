package dev.reinstaller.protocol;

/**
 * An interface the old host had that is not restored (bridge, veth, tun, docker, bond members...).
 * Listed so that the plan can say what is left behind.
 *
 * @param name interface name on the old host
 * @param kind why it is skipped, e.g. {@code bridge}, {@code veth}, {@code tun}, {@code virtual}
 */
public record SkippedInterface(String name, String kind) {
    public SkippedInterface {
        Check.token("skipped.name", name, 15);
        Check.token("skipped.kind", kind, 32);
    }
}
