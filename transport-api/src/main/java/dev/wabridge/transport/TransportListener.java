package dev.wabridge.transport;

/** Receives a session's events. Called on transport threads: hand work off, never block. */
@FunctionalInterface
public interface TransportListener {
    void on(TransportEvent event);
}
