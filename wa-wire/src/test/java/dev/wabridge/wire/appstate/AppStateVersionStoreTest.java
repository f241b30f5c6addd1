package dev.wabridge.wire.appstate;

import dev.wabridge.testkit.MemoryKeyStore;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A decoded run is stored in one call: version, hash, MACs set and removed; a snapshot drops the old MACs. */
class AppStateVersionStoreTest {
    @Test
    void applyStoresVersionAndMacChanges() {
        MemoryKeyStore keys = new MemoryKeyStore();
        AppStateVersionStore store = new AppStateVersionStore(keys);
        byte[] hash = new byte[LtHash.SIZE];
        hash[0] = 9;
        store.apply("regular_low", new AppStateVersionStore.Version(2, hash), Map.of("0a", new byte[]{1}, "0b", new byte[]{2}), false);
        assertEquals(2, store.version("regular_low").orElseThrow().version());
        assertArrayEquals(hash, store.version("regular_low").orElseThrow().hash());
        assertArrayEquals(new byte[]{1}, store.valueMac("regular_low", new byte[]{0x0a}).orElseThrow());

        Map<String, byte[]> changes = new HashMap<>();
        changes.put("0a", null);
        store.apply("regular_low", new AppStateVersionStore.Version(3, hash), changes, false);
        assertTrue(store.valueMac("regular_low", new byte[]{0x0a}).isEmpty());
        assertArrayEquals(new byte[]{2}, store.valueMac("regular_low", new byte[]{0x0b}).orElseThrow());

        store.apply("regular_low", new AppStateVersionStore.Version(10, hash), Map.of("0c", new byte[]{3}), true);
        assertTrue(store.valueMac("regular_low", new byte[]{0x0b}).isEmpty(), "a snapshot replaces the MACs");
        assertArrayEquals(new byte[]{3}, store.valueMac("regular_low", new byte[]{0x0c}).orElseThrow());
        assertEquals(10, store.version("regular_low").orElseThrow().version());
    }
}
