package dev.wabridge.daemon.store;

/**
 * The daemon's storage as one value: the database and a repository per table, all on the
 * same engine. An implementation opens it (SqliteStore.open); closing it closes the database.
 */
public record Store(Database database, SessionRepository sessions, OutboxRepository outbox, MessageRepository messages,
                    ContactRepository contacts, ScheduleRepository schedules, TemplateRepository templates,
                    OptOutRepository optouts, CreditLedger credits, TokenRepository tokens,
                    WebhookQueue webhooks) implements AutoCloseable {
    @Override
    public void close() {
        database.close();
    }
}
