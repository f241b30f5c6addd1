package dev.wabridge.transport;

/**
 * Entry point a transport registers in META-INF/services/dev.wabridge.transport.TransportProvider.
 * The daemon picks one by {@link #name()} (setting {@code transport}).
 */
public interface TransportProvider {
    /** Short stable name, e.g. "whatsapp-web". */
    String name();

    /** Opens the transport side of one linked number; nothing connects until {@link TransportSession#connect()}. */
    TransportSession open(SessionContext context);
}
