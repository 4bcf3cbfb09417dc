package dev.reinstaller.installer.system;

import dev.reinstaller.hostinfo.process.Processes;

/**
 * The one exception type of the installer's phases. Its message says what was attempted against what
 * (disk, file, URL) and is shown to the operator as is; the category says whether trying again can
 * help. Wrapped once, where the cause is first understood.
 */
public final class InstallerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whether an error can go away by itself, will not, or was a deliberate refusal by a check. */
    public enum Category {
        TRANSIENT("transient"),
        PERMANENT("permanent"),
        REFUSED("refused");

        private final String wire;

        Category(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private final Category category;

    public InstallerException(Category category, String message) {
        super(message);
        this.category = category;
    }

    public InstallerException(Category category, String message, Throwable cause) {
        super(message, cause);
        this.category = category;
    }

    public Category category() {
        return category;
    }

    public static InstallerException refused(String message) {
        return new InstallerException(Category.REFUSED, message);
    }

    public static InstallerException permanent(String message) {
        return new InstallerException(Category.PERMANENT, message);
    }

    /** The category of a command that failed: transient when trying again can help, else permanent. */
    public static Category category(Processes.ProcessException failure) {
        return failure.transientFailure() ? Category.TRANSIENT : Category.PERMANENT;
    }
}
