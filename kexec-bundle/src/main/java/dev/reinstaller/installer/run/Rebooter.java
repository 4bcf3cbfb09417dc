package dev.reinstaller.installer.run;

/** Reboots the machine now. The real implementation does not return. */
@FunctionalInterface
public interface Rebooter {
    void reboot();
}
