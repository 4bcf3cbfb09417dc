package dev.reinstaller.cloud.reinstall;

/**
 * Where the phases of one server's attempt report which stage they entered and what the plan found,
 * so that a failure thrown from anywhere below can name its stage and carry the plan. Called on the
 * attempt's own thread.
 */
interface AttemptListener {
    /** The attempt is now in {@code stage}. */
    void entered(Stage stage);

    /** The plan is known (or was extended with more earlier host keys). */
    void planned(Planned planned);
}
