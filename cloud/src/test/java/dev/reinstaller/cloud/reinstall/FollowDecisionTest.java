package dev.reinstaller.cloud.reinstall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.cloud.reinstall.FollowDecision.Action;
import dev.reinstaller.cloud.reinstall.FollowDecision.Reply;
import dev.reinstaller.cloud.reinstall.InstallerFollower.End;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the follower does after each installer event, decided without any stream or server. */
class FollowDecisionTest {
    static final String CLOSURE = "{\"type\":\"waiting\",\"phase\":\"install\",\"what\":\"system closure"
            + " /nix/store/abc-nixos-system in /mnt/nix/store (nix copy ...)\",\"deadline\":\"2099-01-01T00:00:00Z\"}";
    static final String DISK_KEY =
            "{\"type\":\"waiting\",\"phase\":\"confirm\",\"what\":\"disk key (POST /disk-key or the console)\"}";
    static final String TOKEN =
            "{\"type\":\"waiting\",\"phase\":\"confirm\",\"what\":\"confirmation token (POST /confirm)\"}";

    private static InstallerEvent event(String json) {
        try {
            return InstallerEvent.of(JsonMapper.builder().build().readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** The actions for {@code events} in order, each decided in the state the one before left. */
    private static List<Action> actions(FollowDecision start, String... events) {
        FollowDecision decision = start;
        List<Action> actions = new ArrayList<>();
        for (String json : events) {
            FollowDecision.Step step = decision.after(event(json));
            actions.add(step.action());
            decision = step.next();
        }
        return actions;
    }

    private static End.Finished end(String json) {
        Action action = FollowDecision.answering().after(event(json)).action();
        assertThat(action).isInstanceOf(Action.Finish.class);
        return ((Action.Finish) action).end();
    }

    @Test
    void eachWaitIsAnsweredOnceInTheOrderAsked() {
        List<Action> actions =
                actions(FollowDecision.answering(), DISK_KEY, DISK_KEY, TOKEN, CLOSURE, TOKEN, CLOSURE, DISK_KEY);

        assertThat(actions)
                .extracting(a -> a instanceof Action.Answer answer ? answer.reply() : null)
                .containsExactly(Reply.DISK_KEY, null, Reply.CONFIRMATION, Reply.CLOSURE, null, null, null);
    }

    @Test
    void theClosureAnswerCarriesTheEventThatAskedWithItsDeadline() {
        Action action = FollowDecision.answering().after(event(CLOSURE)).action();

        assertThat(action)
                .isInstanceOfSatisfying(
                        Action.Answer.class,
                        answer -> assertThat(
                                        answer.event().json().path("deadline").asText())
                                .isEqualTo("2099-01-01T00:00:00Z"));
    }

    @Test
    void aWatcherAnswersNothing() {
        assertThat(actions(FollowDecision.watching(), DISK_KEY, TOKEN, CLOSURE))
                .allMatch(Action.Read.class::isInstance);
    }

    @Test
    void aWaitForSomethingElseAndOrdinaryEventsAreOnlyRead() {
        List<Action> actions = actions(
                FollowDecision.answering(),
                "{\"type\":\"waiting\",\"what\":\"the network\"}",
                "{\"type\":\"phase-started\",\"phase\":\"zfs\"}",
                "{\"type\":\"progress\",\"phase\":\"install\",\"done\":5,\"total\":10}",
                "{\"type\":\"host-keys\",\"keys\":[]}",
                "{}");

        assertThat(actions).allMatch(Action.Read.class::isInstance);
    }

    @Test
    void anAnswerIsRememberedOnlyInTheNextState() {
        FollowDecision start = FollowDecision.answering();
        FollowDecision.Step step = start.after(event(DISK_KEY));

        assertThat(step.next().answered()).containsExactly(Reply.DISK_KEY);
        assertThat(start.answered()).isEmpty();
        assertThat(start.after(event(DISK_KEY)).action()).isInstanceOf(Action.Answer.class);
    }

    @Test
    void aFailedPhaseBeforeThePointOfNoReturnSaysNothingWasWritten() {
        assertThat(end("{\"type\":\"phase-failed\",\"phase\":\"disk\",\"category\":\"refused\",\"message\":\"busy\"}"))
                .isEqualTo(new End.Finished(false, "phase disk failed (refused): busy (nothing was written)", false));
    }

    @Test
    void aFailedPhaseAfterThePointOfNoReturnPointsToTheLog() {
        assertThat(end("{\"type\":\"phase-failed\",\"phase\":\"zfs\",\"category\":\"permanent\","
                        + "\"message\":\"zpool create failed\",\"pointOfNoReturnPassed\":true}"))
                .isEqualTo(new End.Finished(
                        false,
                        "phase zfs failed (permanent): zpool create failed (after the point of no return: the"
                                + " installer stays up with the error; see GET /log)",
                        false));
    }

    @Test
    void aRebootIntoTheNewSystemIsDone() {
        assertThat(end("{\"type\":\"rebooting\",\"reason\":\"installed\",\"toOldSystem\":false}"))
                .isEqualTo(new End.Finished(true, "rebooting into the new system", true));
    }

    @Test
    void aPowerOffAtTheEndIsDoneWithoutARebootIntoTheNewSystem() {
        assertThat(end("{\"type\":\"powering-off\",\"reason\":\"installed\"}"))
                .isEqualTo(new End.Finished(true, "installed; the installer powers the machine off", false));
    }

    @Test
    void aRebootIntoTheOldSystemIsAFailureWithItsReason() {
        assertThat(end("{\"type\":\"rebooting\",\"reason\":\"confirmation timed out\",\"toOldSystem\":true}"))
                .isEqualTo(new End.Finished(
                        false, "the installer gave up and reboots into the old system: confirmation timed out", false));
    }

    @Test
    void aCompletedRunIsDoneWithoutAReboot() {
        assertThat(end("{\"type\":\"run-completed\",\"phases\":[\"params\"]}"))
                .isEqualTo(new End.Finished(true, "run completed", false));
    }

    @Test
    void aWatcherSeesTheSameEnds() {
        assertThat(actions(FollowDecision.watching(), "{\"type\":\"run-completed\"}"))
                .singleElement()
                .isEqualTo(new Action.Finish(new End.Finished(true, "run completed", false)));
    }
}
