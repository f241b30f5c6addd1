package dev.wabridge.daemon.optout;

import dev.wabridge.daemon.errors.UserError;
import dev.wabridge.daemon.phone.PhoneNumbers;
import dev.wabridge.daemon.store.OptOut;
import dev.wabridge.daemon.store.OptOutRepository;
import dev.wabridge.daemon.store.Tx;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Phones that opted out. Nothing is sent or scheduled to them, and refusing costs nothing. */
public final class OptOutService {
    private final OptOutRepository optouts;
    private final Set<String> keywords;

    public OptOutService(OptOutRepository optouts, Set<String> keywords) {
        this.optouts = optouts;
        this.keywords = keywords.stream().map(k -> k.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Idempotent: adding a listed phone again keeps the first reason and date. */
    public OptOut add(String phone, String reason, String source, Instant now) {
        return optouts.addIfAbsent(PhoneNumbers.require(phone), reason, source, now);
    }

    public boolean remove(String phone) {
        return optouts.remove(PhoneNumbers.require(phone));
    }

    public Optional<OptOut> check(String phone) {
        return optouts.find(PhoneNumbers.require(phone));
    }

    public OptOutRepository.Page list(int limit, int offset) {
        return optouts.page(limit, offset);
    }

    /** Within a transaction: refuses a send to an opted-out phone. */
    public void requireNotOptedOut(Tx tx, String phone) {
        Optional<OptOut> o = optouts.find(tx, phone);
        if (o.isPresent()) {
            throw new UserError("Refused: " + phone + " opted out" + (o.get().reason() == null ? "" : " (" + o.get().reason() + ")")
                    + " on " + o.get().createdAt() + ". Nothing was sent or charged. Only remove_whatsapp_optout with the customer's consent changes this.");
        }
    }

    /** For the sender's last check before a queued message leaves. */
    public boolean isOptedOut(String phone) {
        return optouts.find(phone).isPresent();
    }

    /** True when an incoming text is an opt-out keyword (whole message, any case, trimmed). */
    public boolean isKeyword(String text) {
        if (text == null) {
            return false;
        }
        String t = text.trim().replaceAll("[.!¡]+$", "").toUpperCase(Locale.ROOT);
        return keywords.contains(t);
    }
}
