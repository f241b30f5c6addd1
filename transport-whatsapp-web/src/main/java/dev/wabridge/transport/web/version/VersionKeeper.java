package dev.wabridge.transport.web.version;

import dev.wabridge.transport.KeyValueStore;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportEvent.DisconnectReason;
import dev.wabridge.transport.web.services.SessionServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Which WhatsApp Web version this session announces, and keeping it current, so the build
 * does not stop working when WhatsApp refuses its compiled version (about four months after
 * release). The version is the newer of the configured one ({@code transport.wa_version},
 * default {@link WaVersion#COMPILED}) and the last good one fetched, which is kept in the
 * shared key store (namespace {@value #NAMESPACE}) so every session and every restart use it.
 *
 * <p>It is fetched ({@link VersionFetcher}, whatsmeow update.go) at start when the last fetch
 * is a day old, and once a day after. A {@code <failure reason="405">} (whatsmeow
 * ClientOutdated) fetches at once and retries the login once with a newer version; if there
 * is none, or that one is refused too, the session stops in the {@code client_outdated} state
 * with the action to take. Never a reconnect loop. Runs on the session's actor thread.
 */
public final class VersionKeeper {
    private static final Logger log = LoggerFactory.getLogger(VersionKeeper.class);
    public static final String NAMESPACE = "wa-version";
    static final Duration DAILY = Duration.ofDays(1);

    private final SessionServices session;
    private final WaVersion configured;
    /** Null when updates are off (no start page configured). */
    private final VersionFetcher fetcher;
    /** The version a 405 made us retry with; a second 405 with it is final. */
    private WaVersion retriedWith;

    public VersionKeeper(SessionServices session, WaVersion configured, VersionFetcher fetcher) {
        this.session = session;
        this.configured = configured;
        this.fetcher = fetcher;
    }

    /** The version to announce now. */
    public WaVersion current() {
        WaVersion stored = read("current").map(WaVersion::parse).orElse(null);
        return stored != null && stored.compareTo(configured) > 0 ? stored : configured;
    }

    /** Fetches the current version if the last fetch is a day old; completes (never exceptionally) when done. */
    public CompletableFuture<Void> refreshIfDue() {
        Instant last = read("fetched-at").map(s -> Instant.ofEpochMilli(Long.parseLong(s))).orElse(Instant.EPOCH);
        if (fetcher == null || Duration.between(last, session.clock().instant()).compareTo(DAILY) < 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        fetcher.latest().whenComplete((v, e) -> session.schedule(() -> {
            if (e == null) {
                remember(v);
            } else {
                log.info("session {}: cannot fetch the WhatsApp Web version: {}", session.sessionId(), e.getMessage());
            }
            done.complete(null);
        }, Duration.ZERO));
        return done;
    }

    /** From now on, a refresh once a day. */
    public void startDaily() {
        session.schedule(() -> {
            refreshIfDue();
            startDaily();
        }, DAILY);
    }

    /** A login succeeded: a later 405 may retry again. */
    public void loggedIn() {
        retriedWith = null;
    }

    /** {@code <failure reason="405">}: fetch, retry once with a newer version, else stop as client_outdated. */
    public void onClientOutdated() {
        session.connection().stop(); // no backoff loop while we look
        WaVersion refused = current();
        if (fetcher == null || refused.equals(retriedWith)) {
            outdated(refused, fetcher == null ? "no start page to fetch a newer version from" : "the newest version was refused too");
            return;
        }
        fetcher.latest().whenComplete((v, e) -> session.schedule(() -> {
            if (e == null && v.compareTo(refused) > 0) {
                remember(v);
                retriedWith = v;
                log.info("session {}: version {} refused; retrying once with {}", session.sessionId(), refused, v);
                session.connection().pauseFor(Duration.ZERO);
            } else {
                outdated(refused, e == null ? "the start page offers no newer version than " + v : "fetching a newer one failed: " + e.getMessage());
            }
        }, Duration.ZERO));
    }

    private void outdated(WaVersion refused, String why) {
        log.error("session {}: WhatsApp refuses WhatsApp Web version {} (failure 405); {}", session.sessionId(), refused, why);
        session.emit(new TransportEvent.Disconnected(DisconnectReason.CLIENT_OUTDATED,
                "version " + refused + " refused (failure 405); " + why, false));
    }

    private void remember(WaVersion v) {
        KeyValueStore shared = session.keys().shared();
        shared.put(NAMESPACE, "fetched-at", Long.toString(session.clock().millis()).getBytes(StandardCharsets.US_ASCII));
        if (v.compareTo(current()) > 0) {
            shared.put(NAMESPACE, "current", v.toString().getBytes(StandardCharsets.US_ASCII));
            log.info("session {}: WhatsApp Web version is now {}", session.sessionId(), v);
        }
    }

    private Optional<String> read(String key) {
        return session.keys().shared().get(NAMESPACE, key).map(b -> new String(b, StandardCharsets.US_ASCII));
    }
}
