package dev.wabridge.transport.web.client;

import dev.wabridge.transport.SessionContext;
import dev.wabridge.transport.TransportProvider;
import dev.wabridge.transport.TransportSession;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * Transport "whatsapp-web": the real multi-device protocol. Settings (daemon config keys
 * transport.*) are described by {@link WebTransportSettings}: url (default WhatsApp's chat
 * socket), root_key (hex; default WhatsApp's certificate root), origin, device_name (shown on
 * the phone's linked devices list), and timers that tests shorten.
 */
public final class WebTransportProvider implements TransportProvider {
    public static final String DEFAULT_URL = WebTransportSettings.DEFAULT_URL;
    public static final String DEFAULT_ORIGIN = WebTransportSettings.DEFAULT_ORIGIN;
    // One event loop group for every session: sockets are cheap, threads are not.
    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
            Math.max(1, Runtime.getRuntime().availableProcessors()), NioIoHandler.newFactory());

    @Override
    public String name() {
        return "whatsapp-web";
    }

    @Override
    public TransportSession open(SessionContext context) {
        WebTransportSettings settings = WebTransportSettings.from(context.settings());
        return new WebSession(context, settings, new WebSocketConnector(GROUP, settings.url(), settings.origin()));
    }
}
