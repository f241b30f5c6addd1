package dev.wabridge.transport.web.services;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ConnectionControl} that only counts what the handler asked for. {@link #stop()}
 * clears {@link #wanted()}, as the real connection does; the test sets it otherwise.
 */
public final class FakeConnectionControl implements ConnectionControl {
    private boolean wanted = true;
    private int closeSocketCalls;
    private int restartNowCalls;
    private int stopCalls;
    private final List<Duration> pauses = new ArrayList<>();

    public void setWanted(boolean wanted) {
        this.wanted = wanted;
    }

    @Override
    public boolean wanted() {
        return wanted;
    }

    @Override
    public void closeSocket() {
        closeSocketCalls++;
    }

    @Override
    public void restartNow() {
        restartNowCalls++;
    }

    @Override
    public void stop() {
        stopCalls++;
        wanted = false;
    }

    @Override
    public void pauseFor(Duration delay) {
        pauses.add(delay);
        wanted = false;
    }

    /** The delays {@link #pauseFor} was called with. */
    public List<Duration> pauses() {
        return pauses;
    }

    public int closeSocketCalls() {
        return closeSocketCalls;
    }

    public int restartNowCalls() {
        return restartNowCalls;
    }

    public int stopCalls() {
        return stopCalls;
    }
}
