package dev.wabridge.transport.web.usync;

import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.transport.web.services.ManualScheduler;
import dev.wabridge.wire.binary.Jid;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device-list cache: found by phone number or LID, too old means unknown, bounded by
 * least recent use, a user without devices is not kept, and a device the list lacks (heard
 * from in a message or retry receipt) drops the list.
 */
class DeviceCacheTest {
    private final ManualScheduler time = new ManualScheduler();
    private final Clock clock = time.clock(FakeSessionServices.START);
    private final DeviceCache cache = new DeviceCache(clock);
    private final Jid bob = Jid.phone("34600000002");

    private static DeviceLists.UserDevices devices(Jid user, String lid, int... ids) {
        return new DeviceLists.UserDevices(user, java.util.Arrays.stream(ids).mapToObj(user::withDevice).toList(), Optional.ofNullable(lid));
    }

    @Test
    void aListIsFoundByPhoneNumberAnyDeviceOrLidUntilItIsOld() {
        cache.put(devices(bob, "900002", 0, 1));
        assertEquals(List.of(bob, bob.withDevice(1)), cache.get(bob).orElseThrow().devices());
        assertTrue(cache.get(bob.withDevice(3)).isPresent());
        assertTrue(cache.get(Jid.user("900002", Jid.LID_SERVER).withDevice(1)).isPresent());
        time.advance(DeviceCache.MAX_AGE.plus(Duration.ofSeconds(1)));
        assertTrue(cache.get(bob).isEmpty(), "older than the max age: asked again");
        assertTrue(cache.get(Jid.user("900002", Jid.LID_SERVER)).isEmpty());
    }

    @Test
    void forgettingByLidDropsBothForms() {
        cache.put(devices(bob, "900002", 0));
        assertTrue(cache.forget(Jid.user("900002", Jid.LID_SERVER)));
        assertTrue(cache.get(bob).isEmpty());
        assertFalse(cache.forget(bob), "nothing left");
    }

    @Test
    void aUserWithoutDevicesIsNotKept() {
        cache.put(devices(bob, null));
        assertTrue(cache.get(bob).isEmpty());
    }

    @Test
    void theLeastRecentlyUsedUserGoesFirst() {
        cache.put(devices(Jid.phone("1000"), null, 0));
        cache.put(devices(bob, null, 0));
        cache.get(Jid.phone("1000")); // used: bob is now the eldest
        for (int i = 0; i < DeviceCache.MAX_USERS - 1; i++) {
            cache.put(devices(Jid.phone(Integer.toString(2000 + i)), null, 0));
        }
        assertTrue(cache.get(Jid.phone("1000")).isPresent());
        assertTrue(cache.get(bob).isEmpty());
    }

    @Test
    void aDeviceTheListLacksDropsIt() {
        cache.put(devices(bob, "900002", 0, 1));
        cache.sawDevice(bob.withDevice(1));
        assertTrue(cache.get(bob).isPresent(), "a known device changes nothing");
        cache.sawDevice(Jid.user("900002", Jid.LID_SERVER).withDevice(4));
        assertTrue(cache.get(bob).isEmpty(), "device 4 was unknown: fetch the list again");
    }
}
