package dev.reinstaller.agent.facts;

import java.util.Objects;

/**
 * A partition on the target disk as {@code lsblk} sees it.
 *
 * @param name kernel name, e.g. {@code sda1}
 * @param sizeBytes size in bytes
 * @param fstype the signature found on it, or null
 */
public record Partition(String name, long sizeBytes, String fstype) {
    public Partition {
        Objects.requireNonNull(name, "name");
    }
}
