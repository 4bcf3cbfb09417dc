package dev.reinstaller.installer.run;

import java.util.ArrayList;
import java.util.List;

/** A {@link Watchdog} for tests: records the point of no return and every reboot request. */
public final class RecordingWatchdog implements Watchdog {
    private final List<String> reboots = new ArrayList<>();
    private int pointOfNoReturn;

    @Override
    public synchronized void pointOfNoReturn() {
        pointOfNoReturn++;
    }

    @Override
    public synchronized void rebootToOldSystem(String reason) {
        reboots.add(reason);
    }

    public synchronized List<String> reboots() {
        return List.copyOf(reboots);
    }

    public synchronized int pointOfNoReturnCalls() {
        return pointOfNoReturn;
    }
}
