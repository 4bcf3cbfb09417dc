package dev.reinstaller.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the host booted: legacy BIOS or UEFI (`/sys/firmware/efi` exists). */
public enum Firmware {
    BIOS("bios"),
    EFI("efi");

    private final String wire;

    Firmware(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
