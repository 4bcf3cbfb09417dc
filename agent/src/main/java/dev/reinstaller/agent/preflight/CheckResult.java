package dev.reinstaller.agent.preflight;

/**
 * The verdict of one preflight check.
 *
 * @param id stable identifier, e.g. {@code memory-boot} (used as a JSON field value)
 * @param status pass, warn or fail
 * @param reason one line with the numbers the verdict rests on; never a secret
 */
public record CheckResult(String id, Status status, String reason) {

    /** A failed check stops {@code install}; a warning does not. */
    public enum Status {
        PASS,
        WARN,
        FAIL
    }

    public CheckResult {
        if (id == null || id.isBlank() || status == null || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a check result needs an id, a status and a reason");
        }
    }

    static CheckResult pass(String id, String reason) {
        return new CheckResult(id, Status.PASS, reason);
    }

    static CheckResult warn(String id, String reason) {
        return new CheckResult(id, Status.WARN, reason);
    }

    static CheckResult fail(String id, String reason) {
        return new CheckResult(id, Status.FAIL, reason);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
