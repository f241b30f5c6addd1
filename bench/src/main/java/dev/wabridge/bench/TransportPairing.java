package dev.wabridge.bench;

import dev.wabridge.testkit.MemoryKeyStore;
import dev.wabridge.transport.SessionContext;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.client.WebTransportProvider;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Pairs N whatsapp-web transport sessions with the phones of a sandbox in another process,
 * through its HTTP scan API, and waits until all are logged in. The key stores are in-memory
 * maps (the daemon's SQLite is not part of what the transport harnesses measure).
 */
final class TransportPairing {
    private TransportPairing() {
    }

    /** Phone of session i: +3460 followed by i in seven digits. */
    static String ownPhone(int i) {
        return String.format("+3460%07d", i);
    }

    /** Opens, pairs and connects sessions 1..n; returns them once every one is connected. */
    static List<TransportSession> pair(SandboxProcess sandbox, int n) throws IOException, InterruptedException {
        List<TransportSession> sessions = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(n);
        for (int i = 1; i <= n; i++) {
            CountDownLatch qrSeen = new CountDownLatch(1);
            String[] qr = new String[1];
            TransportSession s = new WebTransportProvider().open(new SessionContext(i, new MemoryKeyStore(), e -> {
                if (e instanceof TransportEvent.QrCode q && qr[0] == null) {
                    qr[0] = q.qr();
                    qrSeen.countDown();
                } else if (e instanceof TransportEvent.Connected) {
                    connected.countDown();
                }
            }, Clock.systemUTC(), Map.of("url", sandbox.url, "root_key", sandbox.rootKey)));
            s.connect();
            if (!qrSeen.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no QR for session " + i);
            }
            sandbox.api.scan(ownPhone(i), qr[0]);
            sessions.add(s);
        }
        if (!connected.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (n - connected.getCount()) + " of " + n + " connected");
        }
        return sessions;
    }
}
