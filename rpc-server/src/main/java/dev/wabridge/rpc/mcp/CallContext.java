package dev.wabridge.rpc.mcp;

import dev.wabridge.rpc.auth.Principal;
import dev.wabridge.rpc.tools.ProgressSink;

import java.util.function.Consumer;

/**
 * What a dispatched request may know about its caller. Deliberately not the MCP session:
 * the stateless MCP revision (2026-07-28) has no session, and a WhatsApp session is always
 * an explicit tool argument.
 *
 * @param stateless     the request came in the 2026-07-28 revision: results carry resultType
 *                      and caching hints, and the methods that revision removed do not exist
 * @param subscriptions where resources/subscribe records interest (2025-11-25 sessions only)
 */
public record CallContext(Principal principal, ProgressSink progress, Consumer<String> logLevelSetter,
                          boolean stateless, SubscriptionSink subscriptions) {

    /** A 2025-11-25 session's request. */
    public static CallContext session(Principal principal, ProgressSink progress, Consumer<String> logLevelSetter,
                                      SubscriptionSink subscriptions) {
        return new CallContext(principal, progress, logLevelSetter, false, subscriptions);
    }

    /** A 2026-07-28 request: no session, so no log level to set and no subscriptions to hold. */
    public static CallContext stateless(Principal principal, ProgressSink progress) {
        return new CallContext(principal, progress, level -> { }, true, SubscriptionSink.NONE);
    }
}
