package dev.wabridge.transport;

import java.time.Clock;
import java.util.Map;

/**
 * What a transport session gets from the daemon.
 *
 * @param sessionId the daemon's integer session id (for logs; never sent to WhatsApp)
 * @param keys      where every secret of this session lives (identity, prekeys, Signal
 *                  sessions, app-state keys, credentials); its {@link KeyStore#shared()
 *                  shared store} holds what all sessions share (the phone-LID map)
 * @param events    where the session reports what happens; called from transport threads,
 *                  must not block
 * @param clock     the daemon's clock, so timestamps agree with the daemon (and tests can
 *                  control time)
 * @param settings  transport-specific settings from the daemon's configuration
 *                  (e.g. the server URL, the certificate root)
 */
public record SessionContext(long sessionId, KeyStore keys, TransportListener events, Clock clock, Map<String, String> settings) {
    public SessionContext {
        settings = Map.copyOf(settings);
    }

    /**
     * The store all sessions share (the phone-LID map); the same as {@code keys().shared()}.
     * An accessor rather than a component, so the shared store cannot disagree with the one
     * a {@link KeyStore#transaction} joins.
     */
    public SharedKeyStore shared() {
        return keys.shared();
    }
}
