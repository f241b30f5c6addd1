package dev.wabridge.daemon.auth;

import dev.wabridge.daemon.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreTokenAuthenticatorTest {
    @TempDir
    Path dir;

    @Test
    void acceptsActiveTokensWithTheirScopesAndForgetsRevokedOnes() {
        dev.wabridge.daemon.VirtualTime time = new dev.wabridge.daemon.VirtualTime(java.time.Instant.parse("2026-11-25T10:00:00Z"));
        Clock clock = time.clock();
        try (Database db = Database.open(dir.resolve("a.db"))) {
            TokenService tokens = new TokenService(db, clock);
            StoreTokenAuthenticator auth = new StoreTokenAuthenticator(tokens, clock);
            assertTrue(auth.authenticate("wab_nothing").isEmpty());

            time.sleepUntil(clock.instant().plus(Duration.ofSeconds(2)));
            TokenService.Created bot = tokens.create("bot", Set.of("read"));
            // a new token works at once (reload on an unknown token)
            var principal = auth.authenticate(bot.token()).orElseThrow();
            assertEquals("bot", principal.name());
            assertEquals(Set.of("read"), principal.scopes());
            assertTrue(auth.authenticate(bot.token() + "x").isEmpty());
            assertTrue(auth.authenticate("").isEmpty());

            tokens.revoke("bot");
            time.sleepUntil(clock.instant().plus(Duration.ofSeconds(6)));
            assertTrue(auth.authenticate(bot.token()).isEmpty(), "revoked token refused after the refresh interval");
        }
    }
}
