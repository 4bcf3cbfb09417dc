package dev.reinstaller.cloud.hetzner;

/** An SSH key stored in the project (used for rescue and create). */
public record SshKey(long id, String name, String fingerprint, String publicKey) {}
