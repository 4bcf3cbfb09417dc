package dev.reinstaller.cloud.reinstall;

/** Stops one server's reinstall in a stage with a category and a message. */
final class StageFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Stage stage;
    private final ServerOutcome.Kind kind;

    StageFailure(Stage stage, ServerOutcome.Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.kind = kind;
    }

    Stage stage() {
        return stage;
    }

    ServerOutcome.Kind kind() {
        return kind;
    }
}
