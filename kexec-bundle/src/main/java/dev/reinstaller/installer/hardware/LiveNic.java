package dev.reinstaller.installer.hardware;

/** A physical network interface as sysfs describes it: kernel name, MAC (lowercase), driver. */
public record LiveNic(String name, String mac, String driver) {}
