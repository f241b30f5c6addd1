package dev.wabridge.daemon.sessions;

import dev.wabridge.daemon.store.Times;
import dev.wabridge.daemon.logs.MessageLog;
import dev.wabridge.daemon.optout.OptOutService;
import dev.wabridge.daemon.outbox.OutboxRepository;
import dev.wabridge.daemon.service.UserError;
import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.store.KeyStoreFactory;
import dev.wabridge.daemon.time.TimeSource;
import dev.wabridge.transport.Profile;
import dev.wabridge.transport.ProfileUpdate;
import dev.wabridge.transport.SessionContext;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.TransportProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The linked numbers: creates and tears down each session's actor and transport, keeps the
 * sessions table in step with the transport's events, and resolves session ids for tools.
 * Sessions are isolated: one failing or logging out never touches another.
 */
public final class SessionManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionManager.class);
    private static final Duration FIRST_SIGN_WAIT = Duration.ofSeconds(10);

    private final Database db;
    private final KeyStoreFactory keyStores;
    private final SessionRepository sessions;
    private final OutboxRepository outbox;
    private final MessageLog messages;
    private final OptOutService optouts;
    private final TimeSource time;
    private final Optional<TransportProvider> transport;
    private final String transportName;
    private final Map<String, String> transportSettings;
    private final Duration sendInterval;
    private final Duration ackTimeout;
    private final Sender.OutcomeListener outcomes;
    private final Consumer<TransportEvent.IncomingMessage> incomingListener;
    /** Told of every new QR code (the --sandbox demo's phone scans them). */
    private volatile java.util.function.BiConsumer<Long, String> qrListener = (id, qr) -> { };
    // Read by request threads, written when sessions are created or deleted from any of them.
    private final ConcurrentMap<Long, SessionActor> actors = new ConcurrentHashMap<>();
    /** Deleted ids: a request racing the deletion must not bring the session's actor back. */
    private final java.util.Set<Long> deleted = ConcurrentHashMap.newKeySet();

    public record Settings(String transportName, Map<String, String> transportSettings, Duration sendInterval, Duration ackTimeout) {
    }

    public SessionManager(Database db, KeyStoreFactory keyStores, Optional<TransportProvider> transport, Settings settings, OptOutService optouts,
                          MessageLog messages, TimeSource time, Sender.OutcomeListener outcomes,
                          Consumer<TransportEvent.IncomingMessage> incomingListener) {
        this.db = db;
        this.keyStores = keyStores;
        this.sessions = new SessionRepository(db);
        this.outbox = new OutboxRepository(db);
        this.messages = messages;
        this.optouts = optouts;
        this.time = time;
        this.transport = transport;
        this.transportName = settings.transportName();
        this.transportSettings = settings.transportSettings();
        this.sendInterval = settings.sendInterval();
        this.ackTimeout = settings.ackTimeout();
        this.outcomes = outcomes;
        this.incomingListener = incomingListener;
    }

    /** On daemon start: brings back every session that should be online. */
    public void resumeAll() {
        for (SessionRow row : sessions.all()) {
            if (row.status().equals(SessionRow.QR_PENDING)) {
                sessions.update(row.id(), "status = 'disconnected', status_reason = ?, qr = NULL, qr_expires_at = NULL",
                        "pairing was interrupted by a daemon restart; reconnect_whatsapp shows a new QR code");
                continue;
            }
            if (row.status().equals(SessionRow.LOGGED_OUT) || !row.autoConnect()) {
                continue;
            }
            if (transport.isEmpty()) {
                sessions.update(row.id(), "status = 'disconnected', status_reason = ?", noTransportMessage());
                continue;
            }
            actor(row.id()).connect();
        }
    }

    public void onQr(java.util.function.BiConsumer<Long, String> listener) {
        this.qrListener = listener;
    }

    public boolean transportAvailable() {
        return transport.isPresent();
    }

    public String transportName() {
        return transportName;
    }

    public SessionRow create(String label) {
        requireTransport();
        SessionRow row = sessions.create(label, time.now());
        SessionActor actor = actor(row.id());
        waitForFirstSign(actor.connect());
        return get(row.id());
    }

    public SessionRow get(long id) {
        return sessions.find(id).orElseThrow(() -> new UserError("No WhatsApp session with id " + id
                + "; get_whatsapp_status lists the sessions and their ids"));
    }

    /**
     * For filters on history: a live session, or a deleted one that left messages or scheduled
     * messages behind. An id that never existed is an error, not an empty list.
     */
    public long requireKnown(long id) {
        if (sessions.find(id).isPresent()) {
            return id;
        }
        boolean hadHistory = db.call(c -> {
            try (var ps = c.prepareStatement("SELECT EXISTS(SELECT 1 FROM messages WHERE session_id = ?) "
                    + "OR EXISTS(SELECT 1 FROM scheduled_messages WHERE session_id = ?)")) {
                ps.setLong(1, id);
                ps.setLong(2, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            }
        });
        if (!hadHistory) {
            throw new UserError("No WhatsApp session with id " + id + " (now or in the history); get_whatsapp_status lists the sessions");
        }
        return id;
    }

    public List<SessionRow> all() {
        return sessions.all();
    }

    /** The session to use when a tool's session_id is optional: the only connected one. */
    public long resolve(Long requested) {
        if (requested != null) {
            return get(requested).id();
        }
        List<SessionRow> connected = sessions.all().stream().filter(s -> s.status().equals(SessionRow.CONNECTED)).toList();
        if (connected.size() == 1) {
            return connected.get(0).id();
        }
        throw new UserError(connected.isEmpty()
                ? "No connected WhatsApp session; connect one with connect_whatsapp, or pass session_id"
                : "Several sessions are connected (" + connected.stream().map(s -> s.id() + " '" + s.label() + "'").toList()
                + "); pass session_id");
    }

    public SessionRow updateLabel(long id, String label) {
        get(id);
        sessions.update(id, "label = ?", label);
        return get(id);
    }

    public SessionRow disconnect(long id) {
        SessionRow row = get(id);
        sessions.update(id, "auto_connect = 0");
        SessionActor actor = actors.get(id);
        if (actor != null) {
            join(actor.tell(actor.transport::disconnect));
        }
        if (!row.status().equals(SessionRow.LOGGED_OUT)) {
            sessions.update(id, "status = 'disconnected', status_reason = ?, qr = NULL, qr_expires_at = NULL", "disconnected on request");
        }
        return get(id);
    }

    public SessionRow reconnect(long id) {
        SessionRow row = get(id);
        requireTransport();
        if (row.status().equals(SessionRow.CONNECTED)) {
            return row;
        }
        sessions.update(id, "auto_connect = 1, status_reason = NULL");
        if (row.status().equals(SessionRow.LOGGED_OUT)) {
            sessions.update(id, "status = 'qr_pending'");
        }
        waitForFirstSign(actor(id).connect());
        return get(id);
    }

    /** Deletes a session that is not connected, its keys, and its unsent messages (refunded). */
    public void delete(long id) {
        SessionRow row = get(id);
        if (row.status().equals(SessionRow.CONNECTED)) {
            throw new UserError("Session " + id + " is connected; disconnect_whatsapp it first, then delete it");
        }
        deleted.add(id);
        SessionActor actor = actors.remove(id);
        if (actor != null) {
            actor.stop();
        }
        Instant now = time.now();
        outbox.failAllOf(id, "session " + id + " was deleted", now);
        db.call(c -> c.createStatement().executeUpdate(
                "UPDATE scheduled_messages SET status = 'cancelled', error = 'session deleted' WHERE session_id = " + id
                        + " AND status = 'pending' AND outbox_id IS NULL"));
        sessions.delete(id);
    }

    public Optional<String> qr(long id) {
        SessionRow row = get(id);
        return Optional.ofNullable(row.qr());
    }

    /** A fresh WhatsApp message id from the session's transport. */
    public String newMessageId(long id) {
        return actorFor(id).transport.newMessageId();
    }

    public void wakeSender(long id) {
        SessionActor actor = actors.get(id);
        if (actor != null) {
            actor.sender.wake();
        }
    }

    /** When the next send of a session may start. */
    public Instant nextSlot(long id) {
        SessionActor actor = actors.get(id);
        return actor == null ? time.now() : actor.sender.nextSlot();
    }

    public Duration sendInterval() {
        return sendInterval;
    }

    public boolean isConnected(long id) {
        SessionActor actor = actors.get(id);
        return actor != null && actor.connected();
    }

    public Profile profile(long id) {
        SessionRow row = get(id);
        SessionActor actor = actors.get(id);
        if (actor != null && actor.connected()) {
            Profile p = await(actor.transport.profile(), "reading the profile");
            cacheProfile(id, p);
            return p;
        }
        return new Profile(row.phone(), row.profileName(), row.profileAbout(), row.profileDescription(), row.profileHasPicture());
    }

    public Profile updateProfile(long id, ProfileUpdate update) {
        SessionActor actor = requireConnected(id);
        Profile p = await(actor.transport.updateProfile(update), "updating the profile");
        cacheProfile(id, p);
        return p;
    }

    public Profile updatePicture(long id, byte[] jpeg) {
        SessionActor actor = requireConnected(id);
        Profile p = await(actor.transport.updateProfilePicture(jpeg), "changing the profile picture");
        cacheProfile(id, p);
        return p;
    }

    private void cacheProfile(long id, Profile p) {
        sessions.update(id, "profile_name = ?, profile_about = ?, profile_description = ?, profile_has_picture = ?",
                p.name(), p.about(), p.businessDescription(), p.hasPicture() ? 1 : 0);
    }

    private SessionActor requireConnected(long id) {
        SessionRow row = get(id);
        SessionActor actor = actors.get(id);
        if (actor == null || !actor.connected()) {
            throw new UserError("Session " + id + " is " + row.status() + "; it must be connected for this (reconnect_whatsapp)");
        }
        return actor;
    }

    private SessionActor actorFor(long id) {
        get(id);
        requireTransport();
        return actor(id);
    }

    private SessionActor actor(long id) {
        return actors.computeIfAbsent(id, key -> {
            if (deleted.contains(key)) {
                throw new UserError("Session " + key + " was deleted");
            }
            TransportProvider provider = transport.orElseThrow();
            SessionEvents events = new SessionEvents(e -> handle(key, e));
            var session = provider.open(new SessionContext(key, keyStores.forSession(key), events, time.clock(), transportSettings));
            SessionActor actor = new SessionActor(key, session, a -> new Sender(key, session, a::connected, outbox, db, time,
                    sendInterval, ackTimeout, outcomes));
            events.attach(actor);
            actor.start();
            return actor;
        });
    }

    /**
     * Runs on the session's actor thread. An incoming message's row is committed when this
     * returns, which is what lets the transport ack it to the server (see SessionEvents).
     */
    private void handle(long id, TransportEvent event) {
        Instant now = time.now();
        switch (event) {
            case TransportEvent.QrCode q -> {
                sessions.update(id, "status = 'qr_pending', qr = ?, qr_expires_at = ?, status_reason = NULL",
                        q.qr(), q.expiresAt() == null ? null : Times.sql(q.expiresAt()));
                qrListener.accept(id, q.qr());
            }
            case TransportEvent.Connected c -> sessions.update(id,
                    "status = 'connected', status_reason = NULL, phone = ?, push_name = coalesce(?, push_name), qr = NULL, "
                            + "qr_expires_at = NULL, last_seen_at = ?", c.phone(), c.pushName(), Times.sql(now));
            case TransportEvent.Disconnected d -> sessions.update(id,
                    "status = CASE WHEN status = 'logged_out' THEN status ELSE 'disconnected' END, status_reason = ?, last_seen_at = ?",
                    describe(d), Times.sql(now));
            case TransportEvent.LoggedOut l -> {
                keyStores.forSession(id).clear();
                sessions.update(id, "status = 'logged_out', status_reason = ?, qr = NULL, qr_expires_at = NULL, auto_connect = 0",
                        "logged out: " + l.reason() + "; keys wiped. reconnect_whatsapp links it again with a new QR code");
                int failed = outbox.failAllOf(id, "session logged out before sending", now);
                if (failed > 0) {
                    log.warn("session {} logged out; {} unsent message(s) failed and were refunded", id, failed);
                }
            }
            case TransportEvent.IncomingMessage m -> {
                sessions.update(id, "last_seen_at = ?", Times.sql(now));
                boolean isNew = messages.recordIncoming(id, m.messageId(), m.fromPhone(), m.pushName(), m.text(),
                        m.timestamp() == null ? now : m.timestamp());
                if (isNew && optouts.isKeyword(m.text())) {
                    optouts.add(m.fromPhone(), "replied '" + m.text().trim() + "'", "keyword", now);
                    log.info("session {}: {} opted out by keyword", id, m.fromPhone());
                }
                if (isNew) {
                    incomingListener.accept(m);
                }
            }
            case TransportEvent.Receipt r -> messages.applyReceipt(id, r.messageId(), r.type() == TransportEvent.ReceiptType.READ,
                    r.timestamp() == null ? now : r.timestamp());
        }
    }

    private static String describe(TransportEvent.Disconnected d) {
        String base = switch (d.reason()) {
            case REQUESTED -> "disconnected on request";
            case CONNECTION_LOST -> "connection lost";
            case RESTART_REQUIRED -> "server asked for a restart";
            case REPLACED -> "another client took over this device (conflict); not reconnecting automatically";
            case SERVICE_UNAVAILABLE -> "WhatsApp service unavailable";
            case QR_TIMEOUT -> "no QR code was scanned in time; reconnect_whatsapp shows a new one";
        };
        return base + (d.detail() == null ? "" : " (" + d.detail() + ")") + (d.willRetry() ? "; reconnecting" : "");
    }

    private String noTransportMessage() {
        return "no WhatsApp transport named '" + transportName + "' is installed in this build";
    }

    private void requireTransport() {
        if (transport.isEmpty()) {
            throw new UserError("Cannot reach WhatsApp: " + noTransportMessage()
                    + ". Sessions, sending and profiles need it; templates, opt-outs, logs and credits work without it.");
        }
    }

    private static void waitForFirstSign(CompletableFuture<Void> sign) {
        try {
            sign.get(FIRST_SIGN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // still connecting: the status says so, and get_whatsapp_qr fetches the QR later
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new UserError("Connecting failed: " + e.getCause().getMessage());
        }
    }

    private static void join(CompletableFuture<Void> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("session command did not finish: {}", e.toString());
        }
    }

    private static <T> T await(CompletableFuture<T> f, String what) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TransportException te) {
                throw new UserError("WhatsApp refused " + what + ": " + te.getMessage());
            }
            throw new UserError("Failed " + what + ": " + cause.getMessage());
        } catch (TimeoutException e) {
            throw new UserError("WhatsApp did not answer within 30 s while " + what + "; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted while " + what);
        }
    }

    @Override
    public void close() {
        actors.values().forEach(SessionActor::stop);
        actors.clear();
    }
}
