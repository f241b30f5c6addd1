package dev.wabridge.daemon.auth;

import dev.wabridge.daemon.VirtualTime;
import dev.wabridge.daemon.store.Store;
import dev.wabridge.daemon.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens are checked against the stored hashes, and the cache follows creations and revocations. */
class StoreTokenAuthenticatorTest {
    @TempDir
    Path dir;

    @Test
    void acceptsActiveTokensWithTheirScopesAndForgetsRevokedOnes() {
        VirtualTime time = new VirtualTime(Instant.parse("2026-11-25T10:00:00Z"));
        Clock clock = time.clock();
        try (Store store = SqliteStore.open(dir.resolve("a.db"))) {
            TokenService tokens = new TokenService(store.tokens(), clock);
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
