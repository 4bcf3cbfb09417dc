package dev.reinstaller.installer.run;

import dev.reinstaller.installer.events.Phase;

/** How a run of the installer ended. */
public sealed interface Outcome {

    /** Every selected phase passed. */
    record Completed() implements Outcome {}

    /** The selection itself was refused (a destructive phase without confirm); nothing ran. */
    record Refused(Phase phase, String message) implements Outcome {}

    /** A phase before the point of no return failed; the watchdog path was taken. */
    record RebootedToOldSystem(Phase phase, String message) implements Outcome {}

    /** A phase after the point of no return failed; the installer stays up with the error. */
    record FailedAfterPointOfNoReturn(Phase phase, String message) implements Outcome {}
}
