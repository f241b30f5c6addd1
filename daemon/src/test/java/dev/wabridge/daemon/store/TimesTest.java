package dev.wabridge.daemon.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimesTest {
    @Test
    void textOrderIsTimeOrder() {
        // Instant.toString would give "10:00:00Z" > "10:00:00.123Z" as text.
        assertTrue(Times.sql(Instant.parse("2026-11-25T10:00:00Z")).compareTo(Times.sql(Instant.parse("2026-11-25T10:00:00.123Z"))) < 0);
        long seed = System.nanoTime();
        Random r = new Random(seed);
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            instants.add(Instant.ofEpochMilli(1_700_000_000_000L + r.nextInt(1_000_000)));
        }
        List<String> text = instants.stream().map(Times::sql).sorted().toList();
        List<String> byTime = instants.stream().sorted().map(Times::sql).toList();
        assertEquals(byTime, text, "seed " + seed);
        assertEquals(Instant.parse("2026-11-25T10:00:00.120Z"), Instant.parse(Times.sql(Instant.parse("2026-11-25T10:00:00.12Z"))));
    }
}
