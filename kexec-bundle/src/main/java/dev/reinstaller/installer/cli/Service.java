package dev.reinstaller.installer.cli;

/** Something running beside the phases for the whole run (the status API); stopped at the end. */
@FunctionalInterface
public interface Service extends AutoCloseable {
    @Override
    void close();
}
