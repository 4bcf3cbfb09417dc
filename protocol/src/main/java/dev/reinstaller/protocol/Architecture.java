package dev.reinstaller.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

/** CPU architecture of the host, as `uname -m` prints it. */
public enum Architecture {
    X86_64("x86_64"),
    AARCH64("aarch64");

    private final String wire;

    Architecture(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The Nix system double, such as {@code x86_64-linux}. */
    public String nixSystem() {
        return wire + "-linux";
    }

    /** Maps `uname -m` output; returns null for an architecture the installer cannot serve. */
    public static Architecture fromUname(String machine) {
        return switch (machine) {
            case "x86_64", "amd64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> null;
        };
    }
}
