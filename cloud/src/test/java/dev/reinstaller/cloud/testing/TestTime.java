package dev.reinstaller.cloud.testing;

import dev.reinstaller.cloud.wait.Sleeper;
import dev.reinstaller.cloud.wait.Waiter;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A test's clock and sleeper in one (in UTC, the only zone it has), and the waiter that uses both. */
public abstract class TestTime extends Clock implements Sleeper {

    public final Waiter waiter() {
        return new Waiter(this, this);
    }

    @Override
    public final ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public final Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
