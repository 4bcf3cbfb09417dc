package dev.reinstaller.cloud.reinstall;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Set;

/**
 * What following the installer does after each event, decided from the event and from what was
 * answered so far, without I/O. Each wait (closure, disk key, confirmation token) is answered at most
 * once per stream and only when {@code answers}; {@code phase-failed}, {@code rebooting},
 * {@code powering-off} and {@code run-completed} end the follow; any other event is only read.
 *
 * @param answers whether the follower answers what the installer waits for (false: only watch)
 * @param answered what was answered already on this stream
 */
record FollowDecision(boolean answers, Set<Reply> answered) {
    FollowDecision {
        answered = Set.copyOf(answered);
    }

    /** What the installer can wait for. */
    enum Reply {
        /** The system closure in its new pool's store (copied by the operator's machine). */
        CLOSURE,
        /** The disk key ({@code POST /disk-key}). */
        DISK_KEY,
        /** The confirmation token ({@code POST /confirm}). */
        CONFIRMATION
    }

    /** What to do after one event. */
    sealed interface Action {
        /** Nothing: read the next event. */
        record Read() implements Action {}

        /** Give the installer {@code reply}, which {@code event} asked for. */
        record Answer(Reply reply, InstallerEvent event) implements Action {}

        /** The installer reported the end. */
        record Finish(InstallerFollower.End.Finished end) implements Action {}
    }

    /** The decision for one event and the state the next event is decided in. */
    record Step(FollowDecision next, Action action) {}

    /** A new stream on which the follower answers. */
    static FollowDecision answering() {
        return new FollowDecision(true, Set.of());
    }

    /** A new stream the follower only watches. */
    static FollowDecision watching() {
        return new FollowDecision(false, Set.of());
    }

    Step after(InstallerEvent event) {
        JsonNode json = event.json();
        return switch (event.type()) {
            case "waiting" -> waiting(event);
            case "phase-failed" ->
                finish(
                        false,
                        failure(json)
                                + (json.path("pointOfNoReturnPassed").asBoolean(false)
                                        ? " (after the point of no return: the installer stays up with the error;"
                                                + " see GET /log)"
                                        : " (nothing was written)"),
                        false);
            case "rebooting" -> {
                boolean toOld = json.path("toOldSystem").asBoolean(false);
                yield toOld
                        ? finish(
                                false,
                                "the installer gave up and reboots into the old system: "
                                        + json.path("reason").asText(),
                                false)
                        : finish(true, "rebooting into the new system", true);
            }
            case "powering-off" -> finish(true, "installed; the installer powers the machine off", false);
            case "run-completed" -> finish(true, "run completed", false);
            default -> new Step(this, new Action.Read());
        };
    }

    private Step waiting(InstallerEvent event) {
        String what = event.json().path("what").asText("");
        Reply reply;
        if (what.startsWith("system closure")) {
            reply = Reply.CLOSURE;
        } else if (what.contains("disk key")) {
            reply = Reply.DISK_KEY;
        } else if (what.contains("confirm")) {
            reply = Reply.CONFIRMATION;
        } else {
            return new Step(this, new Action.Read());
        }
        if (!answers || answered.contains(reply)) {
            return new Step(this, new Action.Read());
        }
        Set<Reply> now = EnumSet.of(reply);
        now.addAll(answered);
        return new Step(new FollowDecision(true, now), new Action.Answer(reply, event));
    }

    private Step finish(boolean done, String message, boolean rebootsIntoNew) {
        return new Step(this, new Action.Finish(new InstallerFollower.End.Finished(done, message, rebootsIntoNew)));
    }

    private static String failure(JsonNode json) {
        return "phase " + json.path("phase").asText() + " failed ("
                + json.path("category").asText() + "): " + json.path("message").asText();
    }
}
