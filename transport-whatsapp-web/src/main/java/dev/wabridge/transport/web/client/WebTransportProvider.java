package dev.wabridge.transport.web.client;

import dev.wabridge.transport.SessionContext;
import dev.wabridge.transport.TransportProvider;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.handshake.CertificateChainVerifier;
import dev.wabridge.wire.noise.NoiseCertificates;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.net.URI;
import java.util.HexFormat;

/**
 * Transport "whatsapp-web": the real multi-device protocol. Settings (daemon config keys
 * transport.*): url (default WhatsApp's chat socket), root_key (hex; default WhatsApp's
 * certificate root), origin, device_name (shown on the phone's linked devices list).
 */
public final class WebTransportProvider implements TransportProvider {
    public static final String DEFAULT_URL = "wss://web.whatsapp.com/ws/chat";
    public static final String DEFAULT_ORIGIN = "https://web.whatsapp.com";
    // One event loop group for every session: sockets are cheap, threads are not.
    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
            Math.max(1, Runtime.getRuntime().availableProcessors()), NioIoHandler.newFactory());

    @Override
    public String name() {
        return "whatsapp-web";
    }

    @Override
    public TransportSession open(SessionContext context) {
        URI url = URI.create(context.settings().getOrDefault("url", DEFAULT_URL));
        String origin = context.settings().getOrDefault("origin", DEFAULT_ORIGIN);
        String rootHex = context.settings().get("root_key");
        byte[] root = rootHex == null ? NoiseCertificates.WHATSAPP_ROOT : HexFormat.of().parseHex(rootHex);
        return new WebSession(context, new WebSocketConnector(GROUP, url, origin), new CertificateChainVerifier(root),
                context.settings().getOrDefault("device_name", "wabridge"));
    }
}
