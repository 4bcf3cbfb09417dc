package dev.reinstaller.cloud.reinstall;

/** How the operator named servers on the command line. */
public sealed interface ServerRef {

    /** {@code --server 42}. */
    record ById(long id) implements ServerRef {}

    /** {@code --server web-1}. */
    record ByName(String name) implements ServerRef {}

    /** {@code --selector role=web}. */
    record BySelector(String selector) implements ServerRef {}
}
