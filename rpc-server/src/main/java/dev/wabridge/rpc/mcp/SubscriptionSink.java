package dev.wabridge.rpc.mcp;

/**
 * Where resources/subscribe and resources/unsubscribe (2025-11-25) record a caller's interest.
 * The transport owns it because a subscription lives as long as the MCP session that made it;
 * a stateless request has none (2026-07-28 subscribes through subscriptions/listen instead).
 */
public interface SubscriptionSink {
    SubscriptionSink NONE = new SubscriptionSink() {
        @Override
        public void subscribe(String uri) {
            throw new UnsupportedOperationException("no MCP session to hold a subscription");
        }

        @Override
        public void unsubscribe(String uri) {
            throw new UnsupportedOperationException("no MCP session to hold a subscription");
        }
    };

    void subscribe(String uri);

    void unsubscribe(String uri);
}
