package dev.wabridge.rpc.http;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestGuardTest {
    private final RequestGuard guard = new RequestGuard(Set.of("http://localhost:3000"), Set.of("mcp.internal:8080"));

    @Test
    void loopbackHostsWithOurPortOnly() {
        assertTrue(guard.hostAllowed("127.0.0.1:7000", 7000));
        assertTrue(guard.hostAllowed("LOCALHOST:7000", 7000));
        assertTrue(guard.hostAllowed("[::1]:7000", 7000));
        assertTrue(guard.hostAllowed("mcp.internal:8080", 7000));
        assertFalse(guard.hostAllowed("127.0.0.1:7001", 7000));
        assertFalse(guard.hostAllowed("evil.example.com", 7000));
        assertFalse(guard.hostAllowed("evil.example.com:7000", 7000));
        assertFalse(guard.hostAllowed("127.0.0.1.evil.com:7000", 7000));
        assertFalse(guard.hostAllowed(null, 7000));
        assertTrue(guard.hostAllowed("localhost", 80));
    }

    /** Issue 11, item 8: listening beyond loopback, another machine cannot pass by claiming to be localhost. */
    @Test
    void otherMachinesMustNameAConfiguredHost() {
        assertFalse(guard.hostAllowed("127.0.0.1:7000", 7000, false));
        assertFalse(guard.hostAllowed("localhost:7000", 7000, false));
        assertFalse(guard.hostAllowed("[::1]:7000", 7000, false));
        assertTrue(guard.hostAllowed("mcp.internal:8080", 7000, false));
        assertFalse(guard.hostAllowed("mcp.internal:8081", 7000, false));
        assertTrue(guard.hostAllowed("127.0.0.1:7000", 7000, true));
        assertFalse(guard.hostAllowed("127.0.0.1:7001", 7000, true), "the wrong port is refused from this machine too");
        assertFalse(guard.hostAllowed("127.0.0.2:7000", 7000, true), "only the loopback names");
    }

    @Test
    void unixSocketAcceptsAnyHost() {
        assertTrue(guard.hostAllowed("whatever", -1));
        assertTrue(guard.hostAllowed(null, -1));
    }

    @Test
    void originMustBeListedWhenPresent() {
        assertTrue(guard.originAllowed(null, 7000));
        assertTrue(guard.originAllowed("http://localhost:3000", 7000));
        assertFalse(guard.originAllowed("http://localhost:3001", 7000));
        assertFalse(guard.originAllowed("null", 7000));
        assertFalse(guard.originAllowed("http://evil.example.com", 7000));
    }

    @Test
    void ownLoopbackOriginIsSameOrigin() {
        assertTrue(guard.originAllowed("http://127.0.0.1:7000", 7000));
        assertTrue(guard.originAllowed("http://localhost:7000", 7000));
        assertFalse(guard.originAllowed("http://127.0.0.1:7001", 7000));
        assertFalse(guard.originAllowed("https://127.0.0.1:7000.evil.com", 7000));
        assertFalse(guard.originAllowed("http://127.0.0.1:7000", -1), "no implicit origin on the Unix socket");
    }
}
