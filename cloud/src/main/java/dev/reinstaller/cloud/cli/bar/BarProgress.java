package dev.reinstaller.cloud.cli.bar;

import dev.reinstaller.cloud.reinstall.Host;
import dev.reinstaller.cloud.reinstall.InstallerEvent;
import dev.reinstaller.cloud.reinstall.Progress;
import dev.reinstaller.cloud.reinstall.ServerOutcome;
import dev.reinstaller.cloud.reinstall.Stage;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on the terminal (stderr) over every server's steps: the seven stages here plus the
 * installer's eleven phases each. The bar's text shows the latest step. Failures and results still go
 * out as lines after the bar.
 */
public final class BarProgress implements Progress, AutoCloseable {
    static final int STEPS = Stage.values().length + 11;

    private final ProgressBar bar;
    private final Map<Host, Long> done = new ConcurrentHashMap<>();

    public BarProgress(int servers, PrintStream terminal) {
        bar = new ProgressBarBuilder()
                .setTaskName("reinstall")
                .setInitialMax((long) servers * STEPS)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(terminal))
                .continuousUpdate()
                .build();
    }

    @Override
    public void stage(Host server, Stage stage, String message) {
        step(server, server.name() + " " + stage.wire());
    }

    @Override
    public void output(Host server, Stage stage, String text) {}

    @Override
    public void installer(Host server, InstallerEvent event) {
        if (event.type().equals("phase-finished")) {
            step(server, server.name() + " " + event.phase());
        }
    }

    @Override
    public void finished(ServerOutcome outcome) {
        Host id = outcome.server();
        long missing = STEPS - done.getOrDefault(id, 0L);
        if (missing > 0) {
            bar.stepBy(missing);
        }
        done.put(id, (long) STEPS);
        bar.setExtraMessage(outcome.server().name() + (outcome instanceof ServerOutcome.Done ? " done" : " failed"));
    }

    private void step(Host server, String message) {
        long now = done.merge(server, 1L, Long::sum);
        if (now <= STEPS) {
            bar.step();
        }
        bar.setExtraMessage(message);
    }

    @Override
    public void close() {
        bar.close();
    }
}
