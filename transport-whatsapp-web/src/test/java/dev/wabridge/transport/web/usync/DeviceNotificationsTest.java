package dev.wabridge.transport.web.usync;

import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.ParticipantHash;
import dev.wabridge.wire.signal.store.SignalStores;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code <notification type="devices">} as whatsmeow's handleDeviceNotification treats it: an
 * add or remove whose resulting list hashes to {@code device_hash} updates the cached list, a
 * hash that does not match or an {@code update} drops it, a user we have no list of is left
 * alone, the {@code lid} attribute is learned, and an identity change drops the list too; our
 * own account's list comes whole with {@code account_sync} (whatsmeow handleOwnDevicesNotification).
 */
class DeviceNotificationsTest {
    private final FakeSessionServices session = new FakeSessionServices();
    private final DeviceCache cache = new DeviceCache(session.clock());
    private final DeviceNotifications notifications = new DeviceNotifications(session, cache);
    private final Jid bob = Jid.phone("34600000002");
    private final Jid bobLid = Jid.user("900002", Jid.LID_SERVER);

    DeviceNotificationsTest() {
        cache.put(new DeviceLists.UserDevices(bob, List.of(bob, bob.withDevice(1)), Optional.of("900002")));
    }

    private static Node notification(Jid from, String change, String hash, Jid device) {
        return Node.of("notification", Node.attrs("from", from, "lid", Jid.user("900002", Jid.LID_SERVER), "type", "devices", "id", "n1"),
                List.of(Node.of(change, Node.attrs("device_hash", hash), List.of(Node.of("device", Node.attrs("jid", device))))));
    }

    @Test
    void anAddWhoseHashMatchesExtendsTheCachedList() {
        String hash = ParticipantHash.of(List.of(bob, bob.withDevice(1), bob.withDevice(2)));
        notifications.handle(notification(bob, "add", hash, bob.withDevice(2)));
        assertEquals(List.of(bob, bob.withDevice(1), bob.withDevice(2)), cache.get(bob).orElseThrow().devices());
        assertEquals(Optional.of("900002"), new SignalStores(session.keys()).lids().lidFor("34600000002"), "the LID is learned");
    }

    @Test
    void aRemoveFromTheLidFormIsCheckedAgainstTheLidHash() {
        String hash = ParticipantHash.of(List.of(bobLid));
        notifications.handle(notification(bobLid, "remove", hash, bobLid.withDevice(1)));
        assertEquals(List.of(bob), cache.get(bob).orElseThrow().devices());
    }

    @Test
    void aHashThatDoesNotMatchDropsTheList() {
        notifications.handle(notification(bob, "add", "2:AAAAAAAA", bob.withDevice(2)));
        assertTrue(cache.get(bob).isEmpty());
    }

    @Test
    void anUpdateDropsTheList() {
        notifications.handle(notification(bob, "update", "2:47DEQpj8", bob));
        assertTrue(cache.get(bob).isEmpty());
    }

    @Test
    void aUserWithoutACachedListIsLeftAlone() {
        Jid carol = Jid.phone("34600000003");
        notifications.handle(notification(carol, "add", ParticipantHash.of(List.of(carol.withDevice(5))), carol.withDevice(5)));
        assertTrue(cache.get(carol).isEmpty(), "a partial list must not look complete; the next send fetches it");
        assertTrue(cache.get(bob).isPresent());
    }

    @Test
    void anIdentityChangeDropsTheList() {
        notifications.onEncrypt(Node.of("notification", Node.attrs("from", bob, "type", "encrypt"), List.of(Node.of("identity"))));
        assertTrue(cache.get(bob).isEmpty());
    }

    @Test
    void ourOwnDeviceListComesWithAccountSyncAndIsKeptWhenItsHashMatches() {
        Jid own = Jid.phone("34600000001");
        session.saveCredentials(session.credentials().paired(own.withDevice(3), Jid.user("900001", Jid.LID_SERVER), new byte[0]));
        List<Jid> devices = List.of(own, own.withDevice(3), own.withDevice(7));
        notifications.onAccountSync(accountSync(own, ParticipantHash.of(devices), devices));
        assertEquals(devices, cache.get(own).orElseThrow().devices(), "a companion linked on our phone is in our list at once");

        notifications.onAccountSync(accountSync(own, "2:AAAAAAAA", List.of(own)));
        assertTrue(cache.get(own).isEmpty(), "a list that does not match its hash is dropped; the next send asks usync");

        notifications.onAccountSync(accountSync(bob, ParticipantHash.of(List.of(bob)), List.of(bob)));
        assertEquals(2, cache.get(bob).orElseThrow().devices().size(), "an account_sync from someone else changes nothing");
    }

    private static Node accountSync(Jid from, String dhash, List<Jid> devices) {
        return Node.of("notification", Node.attrs("from", from, "type", "account_sync", "id", "a1"),
                List.of(Node.of("devices", Node.attrs("dhash", dhash), devices.stream().map(d -> Node.of("device", Node.attrs("jid", d))).toList())));
    }
}
