package dev.wabridge.daemon.sessions;

import dev.wabridge.daemon.errors.UserError;
import dev.wabridge.daemon.logs.MessageLog;
import dev.wabridge.daemon.optout.OptOutService;
import dev.wabridge.daemon.outbox.OutboxService;
import dev.wabridge.daemon.outbox.PacedSender;
import dev.wabridge.daemon.outbox.SendLimiter;
import dev.wabridge.daemon.outbox.SessionGate;
import dev.wabridge.daemon.store.KeyStoreFactory;
import dev.wabridge.daemon.store.ScheduleRepository;
import dev.wabridge.daemon.store.SendLimits;
import dev.wabridge.daemon.store.SessionRepository;
import dev.wabridge.daemon.store.SessionRow;
import dev.wabridge.daemon.store.SessionStatus;
import dev.wabridge.daemon.store.Store;
import dev.wabridge.daemon.time.TimeSource;
import dev.wabridge.transport.Profile;
import dev.wabridge.transport.ProfileUpdate;
import dev.wabridge.transport.SessionContext;
import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.TransportProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * The linked numbers: creates and tears down each session's actor and transport, keeps the
 * sessions table in step with the transport's events, and resolves session ids for tools.
 * Sessions are isolated: one failing or logging out never touches another. It is the
 * outbox's {@link SessionGate}: sends find their session and its paced sender through it.
 */
public final class SessionManager implements SessionGate, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionManager.class);
    private static final Duration FIRST_SIGN_WAIT = Duration.ofSeconds(10);
    /** How long deleting a session waits to connect and log out on WhatsApp before it deletes anyway. */
    static final Duration LOGOUT_WAIT = Duration.ofSeconds(15);

    /** For the sessions' key stores, which reach the database through the transport's KeyStore SPI. */
    private final KeyStoreFactory keyStores;
    private final SessionRepository sessions;
    private final ScheduleRepository schedules;
    private final OutboxService outbox;
    private final MessageLog messages;
    private final OptOutService optouts;
    private final TimeSource time;
    private final Optional<TransportProvider> transport;
    private final String transportName;
    private final Map<String, String> transportSettings;
    private final PacedSender.Timing timing;
    private final PacedSender.OutcomeListener outcomes;
    /** Writes what each transport event means, and tells the listeners. */
    private final TransportEventRecorder recorder;
    // Read by request threads, written when sessions are created or deleted from any of them.
    private final ConcurrentMap<Long, SessionActor> actors = new ConcurrentHashMap<>();
    /** How long archive_whatsapp_chat waits: a first archive may download a snapshot (60 s at most) first. */
    private static final Duration ARCHIVE_WAIT = Duration.ofSeconds(90);
    /** Deleted ids: a request racing the deletion must not bring the session's actor back. */
    private final Set<Long> deleted = ConcurrentHashMap.newKeySet();

    public record Settings(String transportName, Map<String, String> transportSettings, Duration sendInterval, Duration ackTimeout,
                           Duration rateLimitPause) {
    }

    public SessionManager(Store store, KeyStoreFactory keyStores, OutboxService outbox, MessageLog messages, OptOutService optouts,
                          Optional<TransportProvider> transport, Settings settings, TimeSource time,
                          PacedSender.OutcomeListener outcomes) {
        this.keyStores = keyStores;
        this.sessions = store.sessions();
        this.schedules = store.schedules();
        this.outbox = outbox;
        this.messages = messages;
        this.optouts = optouts;
        this.time = time;
        this.transport = transport;
        this.transportName = settings.transportName();
        this.transportSettings = settings.transportSettings();
        this.timing = new PacedSender.Timing(settings.sendInterval(), settings.ackTimeout(), settings.rateLimitPause());
        this.outcomes = outcomes;
        this.recorder = new TransportEventRecorder(store.sessions(), keyStores, outbox, messages, optouts, time);
    }

    /** On daemon start: brings back every session that should be online. */
    public void resumeAll() {
        for (SessionRow row : sessions.all()) {
            if (row.status() == SessionStatus.QR_PENDING) {
                sessions.markStopped(row.id(), "pairing was interrupted by a daemon restart; reconnect_whatsapp shows a new QR code");
                continue;
            }
            if (row.status() == SessionStatus.LOGGED_OUT || !row.autoConnect()) {
                continue;
            }
            if (transport.isEmpty()) {
                sessions.markUnreachable(row.id(), noTransportMessage());
                continue;
            }
            actor(row.id()).connect();
        }
    }

    public void onQr(BiConsumer<Long, String> listener) {
        recorder.onQr(listener);
    }

    /**
     * Where new incoming messages go. Set once the MCP server runs (it is built after the
     * sessions, because its tools need them); before that, no session is connected.
     */
    public void onChange(ChangePublisher publisher) {
        recorder.onChange(publisher);
    }

    public void onIncoming(IncomingMessagePublisher publisher) {
        recorder.onIncoming(publisher);
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

    /**
     * Creates a session that links by phone number: connects as {@link #create} does, then asks
     * WhatsApp for the code the owner of {@code phone} types on the phone (Linked devices &gt;
     * Link with phone number). Returns the code ({@code ABCD-EFGH}); the QR codes stay valid too.
     */
    public String createWithPhoneCode(SessionRow row, String phone) {
        SessionActor actor = actor(row.id());
        try {
            return actor.transport.pairingCode(phone).get(FIRST_SIGN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new UserError("WhatsApp did not hand out a pairing code in time; try reconnect_whatsapp and scan the QR code");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while asking for a pairing code");
        } catch (ExecutionException e) {
            throw new UserError("No pairing code: " + e.getCause().getMessage());
        }
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
        if (!messages.hasHistory(id) && !schedules.anyOfSession(id)) {
            throw new UserError("No WhatsApp session with id " + id + " (now or in the history); get_whatsapp_status lists the sessions");
        }
        return id;
    }

    public List<SessionRow> all() {
        return sessions.all();
    }

    /** The session to use when a tool's session_id is optional: the only connected one. */
    @Override
    public SessionRow resolve(Long requested) {
        if (requested != null) {
            return get(requested);
        }
        List<SessionRow> connected = sessions.all().stream().filter(s -> s.status() == SessionStatus.CONNECTED).toList();
        if (connected.size() == 1) {
            return connected.get(0);
        }
        throw new UserError(connected.isEmpty()
                ? "No connected WhatsApp session; connect one with connect_whatsapp, or pass session_id"
                : "Several sessions are connected (" + connected.stream().map(s -> s.id() + " '" + s.label() + "'").toList()
                + "); pass session_id");
    }

    @Override
    public SessionRow require(long id) {
        return get(id);
    }

    public SessionRow updateLabel(long id, String label) {
        get(id);
        sessions.rename(id, label);
        recorder.changes().sessionChanged(id);
        return get(id);
    }

    public SessionRow disconnect(long id) {
        SessionRow row = get(id);
        sessions.disableAutoConnect(id);
        SessionActor actor = actors.get(id);
        if (actor != null) {
            join(actor.tell(actor.transport::disconnect));
        }
        if (row.status() != SessionStatus.LOGGED_OUT) {
            sessions.markStopped(id, "disconnected on request");
        }
        recorder.changes().sessionChanged(id);
        return get(id);
    }

    public SessionRow reconnect(long id) {
        SessionRow row = get(id);
        requireTransport();
        if (row.status() == SessionStatus.CONNECTED) {
            return row;
        }
        sessions.enableAutoConnect(id);
        if (row.status() == SessionStatus.LOGGED_OUT) {
            sessions.restartPairing(id);
        }
        recorder.changes().sessionChanged(id);
        waitForFirstSign(actor(id).connect());
        return get(id);
    }

    /**
     * What deleting did on WhatsApp: whether the device was logged out there (removed from the
     * phone's linked devices), and if not, why; {@code linked} is false when nothing was
     * linked to log out.
     */
    public record Deletion(boolean linked, boolean loggedOutOnWhatsApp, String problem) {
    }

    /**
     * Deletes a session that is not connected: its unsent messages fail (refunded) first, so
     * none leaves during the logout; then the device is logged out on WhatsApp, connecting
     * briefly when needed (bounded by {@link #LOGOUT_WAIT}), so the phone does not keep
     * listing it (400 deletions once left 400 linked devices, issue 11); then the session and
     * its keys are deleted, whether or not the logout worked.
     */
    public Deletion delete(long id) {
        SessionRow row = get(id);
        if (row.status() == SessionStatus.CONNECTED) {
            throw new UserError("Session " + id + " is connected; disconnect_whatsapp it first, then delete it");
        }
        outbox.failAllOf(id, "session " + id + " was deleted", time.now());
        schedules.cancelWaitingOfSession(id, "session deleted");
        Deletion deletion = logOutOnWhatsApp(row);
        deleted.add(id);
        SessionActor actor = actors.remove(id);
        if (actor != null) {
            actor.stop();
        }
        outbox.failAllOf(id, "session " + id + " was deleted", time.now()); // one accepted while it was logging out
        sessions.delete(id);
        recorder.changes().sessionChanged(id); // its status resource now reads "deleted"
        recorder.changes().messageChanged(id, null);
        if (deletion.linked() && !deletion.loggedOutOnWhatsApp()) {
            log.warn("session {} deleted, but its device could not be logged out on WhatsApp: {}", id, deletion.problem());
        }
        return deletion;
    }

    private boolean loggedOut(long id) {
        return sessions.find(id).map(SessionRow::status).orElse(null) == SessionStatus.LOGGED_OUT;
    }

    private Deletion logOutOnWhatsApp(SessionRow row) {
        if (row.phone() == null || row.status() == SessionStatus.LOGGED_OUT) {
            return new Deletion(false, false, null);
        }
        if (transport.isEmpty()) {
            return new Deletion(true, false, noTransportMessage());
        }
        long deadline = System.nanoTime() + LOGOUT_WAIT.toNanos();
        try {
            SessionActor actor = actor(row.id());
            if (!actor.connected()) {
                actor.connect().get(LOGOUT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                while (!actor.connected() && System.nanoTime() < deadline && !loggedOut(row.id())) {
                    Thread.sleep(20); // the first sign may be a disconnect with a retry: wait for the login
                }
            }
            if (loggedOut(row.id())) {
                return new Deletion(true, true, null); // WhatsApp had already removed it
            }
            if (!actor.connected()) {
                return new Deletion(true, false, "it could not connect to WhatsApp within " + LOGOUT_WAIT.toSeconds() + " s");
            }
            actor.transport.logout().get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            return new Deletion(true, true, null);
        } catch (TimeoutException e) {
            return new Deletion(true, false, "WhatsApp did not confirm within " + LOGOUT_WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            return new Deletion(true, false, String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Deletion(true, false, "interrupted");
        } catch (RuntimeException e) {
            return new Deletion(true, false, String.valueOf(e.getMessage()));
        }
    }

    public Optional<String> qr(long id) {
        SessionRow row = get(id);
        return Optional.ofNullable(row.qr());
    }

    /** A fresh WhatsApp message id from the session's transport. */
    @Override
    public String newMessageId(long id) {
        return actorFor(id).transport.newMessageId();
    }

    @Override
    public void wake(long id) {
        SessionActor actor = actors.get(id);
        if (actor != null) {
            actor.sender.wake();
        }
    }

    /** When the next send of a session may start. */
    @Override
    public Instant nextSlot(long id) {
        SessionActor actor = actors.get(id);
        return actor == null ? time.now() : actor.sender.nextSlot();
    }

    /** What WhatsApp told each session about its sending (only sessions with any limit on record). */
    public Map<Long, SendLimits> sendLimits() {
        return sessions.allSendLimits();
    }

    public SendLimits sendLimits(long id) {
        return sessions.sendLimits(id);
    }

    @Override
    public Duration sendInterval() {
        return timing.interval();
    }

    @Override
    public boolean isConnected(long id) {
        SessionActor actor = actors.get(id);
        return actor != null && actor.connected();
    }

    /** When the session's transport last heard from WhatsApp, if it can tell. */
    public Optional<Instant> lastInbound(long id) {
        SessionActor actor = actors.get(id);
        return actor == null ? Optional.empty() : actor.transport.lastInbound();
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

    /**
     * Archives (or unarchives) the chat with {@code phone} (E.164) on WhatsApp through the
     * session ({@code requested}, or the only connected one); returns the session's id.
     */
    public long archiveChat(Long requested, String phone, boolean archived) {
        long id = resolve(requested).id();
        SessionActor actor = requireConnected(id);
        // The first archive of an account may download its chat settings (a snapshot, up to 60 s)
        // before the patch goes out, so this waits longer than other WhatsApp calls.
        await(actor.transport.archiveChat(phone, archived), archived ? "archiving the chat" : "unarchiving the chat", ARCHIVE_WAIT,
                "; it goes on in the background, and calling again is safe (the same state twice changes nothing)");
        return id;
    }

    private void cacheProfile(long id, Profile p) {
        sessions.cacheProfile(id, p.name(), p.about(), p.businessDescription(), p.hasPicture());
    }

    private SessionActor requireConnected(long id) {
        SessionRow row = get(id);
        SessionActor actor = actors.get(id);
        if (actor == null || !actor.connected()) {
            throw new UserError("Session " + id + " is " + row.status().wire() + "; it must be connected for this (reconnect_whatsapp)");
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
            SessionEvents events = new SessionEvents(e -> recorder.record(key, e));
            var session = provider.open(new SessionContext(key, keyStores.forSession(key), events, time.clock(), transportSettings));
            SendLimiter limiter = new SendLimiter(sessions.sendLimits(key), timing.rateLimitPause(), limits -> {
                sessions.saveSendLimits(key, limits);
                recorder.changes().sessionChanged(key);
            });
            PacedSender.OutcomeListener published = (outboxId, status, error) -> {
                outcomes.finished(outboxId, status, error);
                outbox.find(outboxId).ifPresent(o -> recorder.changes().messageChanged(key, o.phone()));
            };
            SessionActor actor = new SessionActor(key, session, a -> new PacedSender(key, session, a::connected, outbox, optouts, time,
                    timing, limiter, published));
            events.attach(actor);
            actor.start();
            return actor;
        });
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
        return await(f, what, Duration.ofSeconds(30), "; try again");
    }

    private static <T> T await(CompletableFuture<T> f, String what, Duration wait, String afterTimeout) {
        try {
            return f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TransportException te) {
                throw new UserError("WhatsApp refused " + what + ": " + te.getMessage());
            }
            throw new UserError("Failed " + what + ": " + cause.getMessage());
        } catch (TimeoutException e) {
            throw new UserError("WhatsApp did not answer within " + wait.toSeconds() + " s while " + what + afterTimeout);
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
