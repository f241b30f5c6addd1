package dev.wabridge.transport.web.pairing;

import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportEvent.DisconnectReason;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.pairing.QrCode;
import dev.wabridge.wire.routing.Iq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * The QR half of linking (whatsmeow pair.go handlePairDevice, qrchan.go): the server's
 * {@code <pair-device>} brings a handful of refs; each becomes a QR code shown for a while
 * (60 s the first, 20 s each next), and when all have expired unscanned the session stops
 * until it is asked to connect again, as WhatsApp Web does. Runs on the actor thread.
 */
public final class QrPairing {
    private final SessionServices session;
    private final Duration firstQr;
    private final Duration nextQr;
    private final Deque<byte[]> refs = new ArrayDeque<>();
    private ScheduledFuture<?> timer;

    public QrPairing(SessionServices session, Duration firstQr, Duration nextQr) {
        this.session = session;
        this.firstQr = firstQr;
        this.nextQr = nextQr;
    }

    /** {@code <iq type="set" xmlns="md"><pair-device><ref>…</ref>…</pair-device></iq>}. */
    public void onPairDevice(Node iq) {
        session.send(Iq.clientResult(iq, List.of()));
        stop(); // a second pair-device replaces the first one's codes and timer
        iq.child("pair-device").orElseThrow().children("ref").forEach(r -> refs.add(r.bytes()));
        showNext(firstQr);
    }

    /** Paired, or the socket went away: no more codes from this batch. */
    public void stop() {
        refs.clear();
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void showNext(Duration validFor) {
        byte[] ref = refs.poll();
        if (ref == null) {
            timer = null;
            session.connection().stop();
            session.emit(new TransportEvent.Disconnected(DisconnectReason.QR_TIMEOUT, "no QR code was scanned", false));
            return;
        }
        Credentials creds = session.credentials();
        String qr = new QrCode(new String(ref, StandardCharsets.UTF_8), creds.noiseKey().publicKey(),
                creds.identityKey().publicKey(), creds.advSecret(), QrCode.PLATFORM_OTHER_WEB).encode();
        session.emit(new TransportEvent.QrCode(qr, session.clock().instant().plus(validFor)));
        timer = session.schedule(() -> showNext(nextQr), validFor);
    }
}
