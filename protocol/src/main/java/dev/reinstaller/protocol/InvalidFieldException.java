package dev.reinstaller.protocol;

/**
 * A value of runtime info broke a rule. {@link #field()} names the offending field relative to the
 * record that rejected it; the JSON codec prefixes the path from the document root.
 */
public final class InvalidFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public InvalidFieldException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
