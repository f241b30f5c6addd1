package dev.wabridge.transport.web.services;

import java.time.Duration;

/**
 * What a feature handler may do to the socket. Every call runs on the session's actor
 * thread; the connection decides about reconnecting.
 */
public interface ConnectionControl {
    /** Whether the session should be online (connect() was called and nothing stopped it). */
    boolean wanted();

    /** Drops the socket; the usual reconnect with backoff follows. */
    void closeSocket();

    /** Drops the socket and connects again at once (stream error 515 after pairing). */
    void restartNow();

    /** Drops the socket and stays offline until connect() is called again. */
    void stop();

    /** Drops the socket and connects again only after {@code delay} (a temporary ban), unless stopped before. */
    void pauseFor(Duration delay);
}
