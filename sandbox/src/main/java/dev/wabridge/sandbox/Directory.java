package dev.wabridge.sandbox;

import com.google.protobuf.ByteString;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.XEdDSA;
import dev.wabridge.wire.proto.ADVKeyIndexList;
import dev.wabridge.wire.proto.ADVSignedKeyIndexList;
import dev.wabridge.wire.routing.ParticipantHash;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is on the sandbox's WhatsApp: accounts (by phone number and by LID) and the devices of
 * each (the phone is device 0; linked companions follow). Reads the server's concurrent maps;
 * it keeps no state of its own.
 */
final class Directory {
    private final Map<String, Account> accounts;
    private final Map<String, Device> devices;
    private final Clock clock;

    Directory(Map<String, Account> accounts, Map<String, Device> devices, Clock clock) {
        this.accounts = accounts;
        this.devices = devices;
        this.clock = clock;
    }

    /** The account a JID belongs to: by phone number, or by LID for {@code @lid} JIDs; null when none. */
    Account accountOf(Jid jid) {
        if (jid.user() == null) {
            return null;
        }
        if (Jid.LID_SERVER.equals(jid.server())) {
            return accounts.values().stream().filter(a -> a.lidUser().equals(jid.user())).findFirst().orElse(null);
        }
        return accounts.get(jid.user());
    }

    /** The account's device numbers: 0 (the phone) and every linked companion, ascending. */
    List<Integer> deviceIds(Account account) {
        List<Integer> ids = new ArrayList<>();
        ids.add(0);
        devices.values().stream().filter(d -> d.jid().user().equals(account.digits())).map(d -> d.jid().device()).sorted().forEach(ids::add);
        return ids;
    }

    /** The account's devices as JIDs on {@code server}: under its phone number, or under its LID for {@code lid}. */
    List<Jid> devices(Account account, String server) {
        Jid user = Jid.LID_SERVER.equals(server) ? Jid.user(account.lidUser(), Jid.LID_SERVER) : Jid.phone(account.digits());
        return deviceIds(account).stream().map(user::withDevice).toList();
    }

    /**
     * The {@code phash} of a 1:1 message from {@code sender} to {@code chat} as the server sees
     * it: every device of both accounts, the sending one included, in the chat's form (phone
     * number or LID), as whatsmeow's sendDM hashes GetUserDevices of the recipient and itself.
     * Null when either account is unknown or the chat is not a user.
     */
    String participantHash(Jid sender, Jid chat) {
        Account to = Jid.USER_SERVER.equals(chat.server()) || Jid.LID_SERVER.equals(chat.server()) ? accountOf(chat) : null;
        Account from = accountOf(sender);
        if (to == null || from == null) {
            return null;
        }
        List<Jid> all = new ArrayList<>(devices(to, chat.server()));
        if (!from.equals(to)) {
            all.addAll(devices(from, chat.server()));
        }
        return ParticipantHash.of(all);
    }

    /**
     * The device JIDs a stanza for {@code jid} goes to, as phone-number JIDs: that device when
     * the JID names one, otherwise every device of the account, phone first.
     */
    List<String> deviceJidsOf(Jid jid) {
        Account account = accountOf(jid);
        if (account == null) {
            return List.of();
        }
        Jid phone = Jid.phone(account.digits());
        if (jid.device() != 0) {
            return List.of(phone.withDevice(jid.device()).toString());
        }
        return deviceIds(account).stream().map(id -> phone.withDevice(id).toString()).toList();
    }

    /**
     * The one device a JID names, as a phone-number JID ({@code user@…} is the phone, device 0;
     * a LID is mapped to its account's number); empty when there is no such account.
     */
    Optional<String> exactDevice(Jid jid) {
        Account account = accountOf(jid);
        return account == null ? Optional.empty()
                : Optional.of(Jid.phone(account.digits()).withDevice(jid.device()).toString());
    }

    /**
     * The account's signed list of valid device indexes, as usync answers it
     * ({@code ADVSignedKeyIndexList}; whatsmeow and Baileys read its timestamp).
     */
    Node keyIndexList(Account account) {
        List<Integer> ids = deviceIds(account);
        long ts = clock.instant().getEpochSecond();
        byte[] details = ADVKeyIndexList.newBuilder().setRawId(account.digits().hashCode() & 0x7FFFFFFF).setTimestamp(ts)
                .setCurrentIndex(ids.get(ids.size() - 1)).addAllValidIndexes(ids).build().toByteArray();
        byte[] signed = ADVSignedKeyIndexList.newBuilder().setDetails(ByteString.copyFrom(details))
                .setAccountSignature(ByteString.copyFrom(XEdDSA.sign(account.identity().privateKey(), details)))
                .setAccountSignatureKey(ByteString.copyFrom(account.identity().publicKey())).build().toByteArray();
        return Node.of("key-index-list", Node.attrs("ts", Long.toString(ts)), signed);
    }
}
