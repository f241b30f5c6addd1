package dev.wabridge.transport.web.appstate;

import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <notification type="server_sync"><collection name version/></notification>}: another
 * device of the account changed app state (whatsmeow notification.go
 * handleAppStateNotification). Each named collection we follow is synced, so our version and
 * LT-hash stay current and our next patch does not start with a conflict. Collections we never
 * wrote to are left alone: wabridge does not use them, and a first sync of an existing account's
 * collection downloads its whole snapshot for nothing. Runs on the session's actor; the notification is
 * acked by the router whatever happens here.
 */
public final class ServerSyncHandler {
    private static final Logger log = LoggerFactory.getLogger(ServerSyncHandler.class);

    private final SessionServices session;
    private final CollectionSync sync;

    public ServerSyncHandler(SessionServices session, CollectionSync sync) {
        this.session = session;
        this.sync = sync;
    }

    public void handle(Node notification) {
        for (Node c : notification.children("collection")) {
            String name = c.attr("name");
            if (name != null && sync.follows(name)) {
                sync.sync(name).whenComplete((ok, e) -> {
                    if (e != null) {
                        log.warn("session {}: app state {} not synced after another device changed it: {}", session.sessionId(), name,
                                AppStateFailures.unwrap(e).getMessage());
                    }
                });
            }
        }
    }
}
