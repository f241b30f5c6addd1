// The Node half of .ci/libsignal-crosscheck.sh: one Signal device on the pinned libsignal-node
// 2.0.1 (sessions) and Baileys 6.17.16's WASignalGroup (sender keys), driven by wa-wire's
// LibsignalCrossCheckTest over JSON lines: one request per stdin line, one answer per stdout
// line ({"ok":true,...} or {"ok":false,"error":...}). Bytes travel as hex. Keys live in memory,
// stored in their serialized form as Baileys' signalStorage (lib/Signal/libsignal.js) does.
'use strict';
const readline = require('readline');
const libsignal = require('libsignal');
const curve = require('libsignal/src/curve');
const { GroupCipher, GroupSessionBuilder, SenderKeyDistributionMessage, SenderKeyRecord, SenderKeyName } =
  require('baileys/WASignalGroup');
const SenderKeyMessage = require('baileys/WASignalGroup/sender_key_message');

// Baileys 6.17.16 expects a libsignal whose verifySignature returns true; the npm libsignal
// 2.0.1 that stands in for its GitHub fork returns nothing and throws on a bad signature.
// Check the signature the 2.0.1 way (a bad one still throws) so Baileys' group decrypt runs.
SenderKeyMessage.prototype.verifySignature = function verifySignature(signatureKey) {
  const signed = this.serialized.slice(0, this.serialized.length - this.SIGNATURE_LENGTH);
  const signature = this.serialized.slice(-1 * this.SIGNATURE_LENGTH);
  curve.verifySignature(signatureKey, signed, signature);
};

const hex = (b) => Buffer.from(b).toString('hex');
const buf = (h) => Buffer.from(h, 'hex');

const identity = libsignal.keyhelper.generateIdentityKeyPair();
const registrationId = libsignal.keyhelper.generateRegistrationId();
const signedPreKey = libsignal.keyhelper.generateSignedPreKey(identity, 1);
const preKeys = new Map();
for (let id = 1; id <= 10; id++) {
  preKeys.set(id, libsignal.keyhelper.generatePreKey(id).keyPair);
}
const sessions = new Map();
const senderKeys = new Map();

const storage = {
  loadSession: async (id) => (sessions.has(id) ? libsignal.SessionRecord.deserialize(sessions.get(id)) : undefined),
  storeSession: async (id, record) => { sessions.set(id, record.serialize()); },
  isTrustedIdentity: () => true,
  loadPreKey: async (id) => preKeys.get(Number(id)),
  removePreKey: async (id) => { preKeys.delete(Number(id)); },
  loadSignedPreKey: async () => signedPreKey.keyPair,
  loadSenderKey: async (name) => (senderKeys.has(name) ? new SenderKeyRecord(senderKeys.get(name)) : undefined),
  storeSenderKey: async (name, record) => { senderKeys.set(name, record.serialize()); },
  getOurRegistrationId: () => registrationId,
  getOurIdentity: () => identity,
};

const address = (name) => libsignal.ProtocolAddress.from(name); // "user.device"
const senderKeyName = (group, name) => new SenderKeyName(group, address(name)).toString();

const handlers = {
  async bundle() {
    const [preKeyId, preKey] = preKeys.entries().next().value;
    return {
      registrationId,
      identityKey: hex(identity.pubKey),
      signedPreKey: { keyId: 1, publicKey: hex(signedPreKey.keyPair.pubKey), signature: hex(signedPreKey.signature) },
      preKey: { keyId: preKeyId, publicKey: hex(preKey.pubKey) },
    };
  },
  async processBundle({ peer, bundle }) {
    await new libsignal.SessionBuilder(storage, address(peer)).initOutgoing({
      registrationId: bundle.registrationId,
      identityKey: buf(bundle.identityKey),
      signedPreKey: { keyId: bundle.signedPreKey.keyId, publicKey: buf(bundle.signedPreKey.publicKey),
        signature: buf(bundle.signedPreKey.signature) },
      preKey: bundle.preKey ? { keyId: bundle.preKey.keyId, publicKey: buf(bundle.preKey.publicKey) } : undefined,
    });
    return {};
  },
  async encrypt({ peer, plaintext }) {
    const { type, body } = await new libsignal.SessionCipher(storage, address(peer)).encrypt(buf(plaintext));
    return { type: type === 3 ? 'pkmsg' : 'msg', body: hex(Buffer.from(body, 'binary')) };
  },
  async decrypt({ peer, type, body }) {
    const cipher = new libsignal.SessionCipher(storage, address(peer));
    const plaintext = type === 'pkmsg'
      ? await cipher.decryptPreKeyWhisperMessage(buf(body))
      : await cipher.decryptWhisperMessage(buf(body));
    return { plaintext: hex(plaintext) };
  },
  async groupCreate({ group, self }) {
    const name = senderKeyName(group, self);
    if (!senderKeys.has(name)) {
      await storage.storeSenderKey(name, new SenderKeyRecord());
    }
    const skdm = await new GroupSessionBuilder(storage).create(name);
    return { skdm: hex(skdm.serialize()) };
  },
  async groupProcess({ group, sender, skdm }) {
    const name = senderKeyName(group, sender);
    if (!senderKeys.has(name)) {
      await storage.storeSenderKey(name, new SenderKeyRecord());
    }
    await new GroupSessionBuilder(storage).process(name, new SenderKeyDistributionMessage(null, null, null, null, buf(skdm)));
    return {};
  },
  async groupEncrypt({ group, self, plaintext }) {
    return { body: hex(await new GroupCipher(storage, senderKeyName(group, self)).encrypt(buf(plaintext))) };
  },
  async groupDecrypt({ group, sender, body }) {
    return { plaintext: hex(await new GroupCipher(storage, senderKeyName(group, sender)).decrypt(buf(body))) };
  },
};

// libsignal-node logs session changes with console.info/warn; keep stdout for answers only, and
// stay silent while a request marked expectFailure (a tampered message) fails as it should.
let quiet = false;
console.log = console.info = console.warn = console.error = (...args) => {
  if (!quiet) {
    process.stderr.write('[libsignal-node] ' + args.join(' ') + '\n');
  }
};
const answer = (o) => process.stdout.write(JSON.stringify(o) + '\n');

let queue = Promise.resolve();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  queue = queue.then(async () => {
    let request;
    try {
      request = JSON.parse(line);
      quiet = request.expectFailure === true;
      const handler = handlers[request.op];
      if (!handler) {
        throw new Error('unknown op ' + request.op);
      }
      answer({ ok: true, ...(await handler(request)) });
    } catch (e) {
      answer({ ok: false, error: String(e && e.stack || e) });
    }
    quiet = false;
  });
});
