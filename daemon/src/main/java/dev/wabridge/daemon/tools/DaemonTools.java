package dev.wabridge.daemon.tools;

import dev.wabridge.daemon.errors.UserError;
import dev.wabridge.daemon.store.StoreException;
import dev.wabridge.rpc.tools.ToolException;
import dev.wabridge.rpc.tools.ToolHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/** The handler behind each product tool, by tool name. */
public final class DaemonTools {
    private DaemonTools() {
    }

    public static Map<String, ToolHandler> handlers(Services s) {
        Map<String, ToolHandler> h = new LinkedHashMap<>();
        new SessionTools(s).register(h);
        new MessagingTools(s).register(h);
        new IncomingTools(s).register(h);
        new ScheduleTools(s).register(h);
        new TemplateTools(s).register(h);
        new ProfileTools(s).register(h);
        new OptOutTools(s).register(h);
        new CreditTools(s).register(h);
        Map<String, ToolHandler> wrapped = new LinkedHashMap<>();
        h.forEach((name, handler) -> wrapped.put(name, userErrors(handler)));
        return wrapped;
    }

    /**
     * A UserError is the caller's to fix: an isError result with its message. A store fault
     * (disk full, damaged file, I/O error) is the operator's, but the caller must hear it too,
     * in those words rather than "Internal error", to know that nothing was stored.
     */
    private static ToolHandler userErrors(ToolHandler handler) {
        return call -> {
            try {
                return handler.handle(call);
            } catch (UserError e) {
                throw new ToolException(e.getMessage());
            } catch (StoreException e) {
                if (e.fault().isEmpty()) {
                    throw e;
                }
                throw new ToolException("The daemon's store failed: " + e.getMessage());
            }
        };
    }
}
