package dev.wabridge.transport.web.usync;

import dev.wabridge.wire.binary.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The device lists of the users this session sends to, our own account's included (whatsmeow
 * client.go userDevicesCache, read by user.go GetUserDevices), so that a send asks usync only
 * about users it does not know. Kept right by {@code devices} notifications, by a server ack
 * whose {@code phash} differs from ours, and by a device we hear from that the list lacks;
 * entries are keyed by the phone-number JID and also found by the user's LID.
 *
 * <p>Bounded: at most {@link #MAX_USERS} users (the least recently used is forgotten first), and
 * an entry older than {@link #MAX_AGE} is fetched again. whatsmeow keeps an entry until a
 * notification changes it, Baileys for 5 minutes; an hour bounds the damage of a notification
 * we missed while sparing a usync per send (docs/decisions.md, "Device-list cache").
 *
 * <p>Owned by the session's actor thread: every send, notification, ack and receipt that reads
 * or corrects it runs there, so a plain map without locks is right. In memory only: a restart
 * asks usync again.
 */
public final class DeviceCache {
    private static final Logger log = LoggerFactory.getLogger(DeviceCache.class);
    public static final int MAX_USERS = 5000;
    public static final Duration MAX_AGE = Duration.ofHours(1);

    private record Cached(DeviceLists.UserDevices devices, Instant fetched) {
    }

    private final Clock clock;
    private final Duration maxAge;
    /** LID user → the phone-number JID its entry is kept under. */
    private final Map<String, Jid> byLid = new HashMap<>();
    private final Map<Jid, Cached> byUser = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Jid, Cached> eldest) {
            if (size() <= MAX_USERS) {
                return false;
            }
            eldest.getValue().devices().lid().ifPresent(byLid::remove);
            return true;
        }
    };

    public DeviceCache(Clock clock) {
        this(clock, MAX_AGE);
    }

    DeviceCache(Clock clock, Duration maxAge) {
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The cached list of {@code user} (phone-number or LID JID, any device), unless it is unknown or too old. */
    public Optional<DeviceLists.UserDevices> get(Jid user) {
        Jid key = key(user);
        Cached e = key == null ? null : byUser.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (clock.instant().isAfter(e.fetched().plus(maxAge))) {
            forget(key);
            return Optional.empty();
        }
        return Optional.of(e.devices());
    }

    /** A usync answer; a user without devices (not on WhatsApp) is not kept, so a later registration is seen. */
    public void put(DeviceLists.UserDevices answer) {
        if (answer.devices().isEmpty()) {
            return;
        }
        Jid key = answer.user().toNonAd();
        forget(key);
        byUser.put(key, new Cached(answer, clock.instant()));
        answer.lid().ifPresent(l -> byLid.put(l, key));
    }

    /** A notification changed a cached user's list and its hash confirmed the result. */
    void replace(Jid user, List<Jid> devices) {
        get(user).ifPresent(old -> put(new DeviceLists.UserDevices(old.user(), List.copyOf(devices), old.lid())));
    }

    /** Drops the user's list (by phone number or LID, both forms go); true when there was one. */
    public boolean forget(Jid user) {
        Jid key = key(user);
        Cached e = key == null ? null : byUser.remove(key);
        if (e == null) {
            return false;
        }
        e.devices().lid().ifPresent(byLid::remove);
        return true;
    }

    /**
     * We heard from {@code device} (a message, a retry receipt): when its user's cached list
     * lacks it, the list is stale and is dropped, so the next send fetches it.
     */
    public void sawDevice(Jid device) {
        get(device).filter(d -> d.devices().stream().noneMatch(known -> known.device() == device.device())).ifPresent(d -> {
            log.info("device {} is not in the cached list of {}; it is fetched again at the next send", device, d.user());
            forget(d.user());
        });
    }

    private Jid key(Jid user) {
        if (user.user() == null) {
            return null;
        }
        if (Jid.LID_SERVER.equals(user.server())) {
            return byLid.get(user.user());
        }
        return user.toNonAd();
    }
}
