package dev.reinstaller.cloud.reinstall;

/** How the operator named servers on the command line. */
public sealed interface ServerRef {

    /** {@code --server 42}. */
    record ById(long id) implements ServerRef {}

    /** {@code --server web-1}. */
    record ByName(String name) implements ServerRef {}

    /** {@code --selector role=web}. */
    record BySelector(String selector) implements ServerRef {}

    /** A number is an id, anything else a name. */
    static ServerRef parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a server name or id must not be empty");
        }
        return t.chars().allMatch(Character::isDigit) ? new ById(Long.parseLong(t)) : new ByName(t);
    }
}
