package dev.wabridge.daemon.tools;

import dev.wabridge.daemon.credits.CreditService;
import dev.wabridge.daemon.health.HealthService;
import dev.wabridge.daemon.logs.IncomingWaiters;
import dev.wabridge.daemon.logs.MessageLog;
import dev.wabridge.daemon.optout.OptOutService;
import dev.wabridge.daemon.outbox.SendService;
import dev.wabridge.daemon.scheduler.SchedulerService;
import dev.wabridge.daemon.sessions.SessionManager;
import dev.wabridge.daemon.templates.TemplateService;
import dev.wabridge.daemon.time.TimeSource;

/** The daemon services the tools are thin handlers over (never the store itself). */
public record Services(TimeSource time, SessionManager sessions, SendService send, SchedulerService scheduler,
                       TemplateService templates, OptOutService optouts, CreditService credits, MessageLog log,
                       HealthService health, IncomingWaiters waiters) {
}
