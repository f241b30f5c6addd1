package dev.wabridge.daemon.scripted;

import dev.wabridge.transport.SessionContext;
import dev.wabridge.transport.TransportProvider;
import dev.wabridge.transport.TransportSession;

/** Test-scope transport "scripted" (setting transport = scripted). */
public final class ScriptedTransportProvider implements TransportProvider {
    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public TransportSession open(SessionContext context) {
        return new ScriptedSession(context);
    }
}
