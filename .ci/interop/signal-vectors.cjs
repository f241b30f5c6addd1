// Prints the known-answer vectors of wa-wire's SignalVectorsTest
// (wa-wire/src/test/resources/vectors/signal-libsignal-node.json), computed with the pinned
// libsignal-node 2.0.1 (package-lock.json): its crypto.deriveSecrets, calculateMAC, AES-CBC,
// curve and WhisperTextProtocol encoders, on fixed keys. Regenerate with
//   node .ci/interop/signal-vectors.cjs > wa-wire/src/test/resources/vectors/signal-libsignal-node.json
// (after `npm ci` in .ci/interop). It only reads libsignal; nothing here is copied into Java.
'use strict';
const crypto = require('libsignal/src/crypto');
const curve = require('libsignal/src/curve');
const protobufs = require('libsignal/src/protobufs');

const hex = (b) => Buffer.from(b).toString('hex');
const filled = (n, v) => Buffer.alloc(n, v);
const key = (v) => curve.createKeyPair(filled(32, v)); // createKeyPair clamps; privKey is the clamped scalar

const zeros = Buffer.alloc(32);
const out = { source: 'libsignal-node 2.0.1 (npm libsignal), .ci/interop/signal-vectors.cjs' };

// X3DH master secret -> root key, chain key ("WhisperText", salt 32 zero bytes).
const master = Buffer.concat([filled(32, 0xff), filled(32, 1), filled(32, 2), filled(32, 3), filled(32, 4)]);
const [root, chain] = crypto.deriveSecrets(master, zeros, Buffer.from('WhisperText'));
out.whisperText = { master: hex(master), rootKey: hex(root), chainKey: hex(chain) };

// One DH ratchet step ("WhisperRatchet", salt = root key).
const ours = key(0x11);
const theirs = key(0x22);
const shared = curve.calculateAgreement(theirs.pubKey, ours.privKey);
const [nextRoot, nextChain] = crypto.deriveSecrets(shared, root, Buffer.from('WhisperRatchet'), 2);
out.whisperRatchet = {
  rootKey: hex(root), ourPrivate: hex(ours.privKey), theirPublic: hex(theirs.pubKey),
  nextRootKey: hex(nextRoot), nextChainKey: hex(nextChain),
};

// Chain step and message keys ("WhisperMessageKeys").
const seed = crypto.calculateMAC(nextChain, Buffer.from([1]));
const following = crypto.calculateMAC(nextChain, Buffer.from([2]));
const mk = crypto.deriveSecrets(seed, zeros, Buffer.from('WhisperMessageKeys'));
out.messageKeys = {
  chainKey: hex(nextChain), messageKeySeed: hex(seed), nextChainKey: hex(following),
  cipherKey: hex(mk[0]), macKey: hex(mk[1]), iv: hex(mk[2].slice(0, 16)),
};

// A whole WhisperMessage (version byte, protobuf, 8-byte MAC) as session_cipher.js encrypt builds it.
const sender = key(0x33);
const receiver = key(0x44);
const ratchet = key(0x55);
const plaintext = Buffer.from('hello from libsignal-node');
const msg = protobufs.WhisperMessage.create();
msg.ephemeralKey = ratchet.pubKey;
msg.counter = 7;
msg.previousCounter = 3;
msg.ciphertext = crypto.encrypt(mk[0], plaintext, mk[2].slice(0, 16));
const body = protobufs.WhisperMessage.encode(msg).finish();
const macInput = Buffer.concat([sender.pubKey, receiver.pubKey, Buffer.from([0x33]), body]);
const mac = crypto.calculateMAC(mk[1], macInput).slice(0, 8);
const whisper = Buffer.concat([Buffer.from([0x33]), body, mac]);
out.whisperMessage = {
  senderIdentity: hex(sender.pubKey), receiverIdentity: hex(receiver.pubKey), ratchetKey: hex(ratchet.pubKey),
  counter: 7, previousCounter: 3, plaintext: hex(plaintext), ciphertext: hex(msg.ciphertext),
  macInput: hex(macInput), serialized: hex(whisper),
};

// The pkmsg around it.
const base = key(0x66);
const pk = protobufs.PreKeyWhisperMessage.create({
  identityKey: sender.pubKey, registrationId: 4321, baseKey: base.pubKey, signedPreKeyId: 2, preKeyId: 17, message: whisper,
});
out.preKeyMessage = {
  registrationId: 4321, preKeyId: 17, signedPreKeyId: 2, baseKey: hex(base.pubKey), identityKey: hex(sender.pubKey),
  serialized: hex(Buffer.concat([Buffer.from([0x33]), protobufs.PreKeyWhisperMessage.encode(pk).finish()])),
};

// Sender message key ("WhisperGroup"), as Baileys WASignalGroup/sender_message_key.js derives it.
const groupSeed = crypto.calculateMAC(filled(32, 0x77), Buffer.from([1]));
const g = crypto.deriveSecrets(groupSeed, zeros, Buffer.from('WhisperGroup'));
out.senderMessageKey = {
  chainKey: hex(filled(32, 0x77)), seed: hex(groupSeed), nextChainKey: hex(crypto.calculateMAC(filled(32, 0x77), Buffer.from([2]))),
  iv: hex(g[0].slice(0, 16)), cipherKey: hex(Buffer.concat([g[0].slice(16), g[1].slice(0, 16)])),
};

// Public keys of the fixed private keys, to check our Curve25519 against theirs.
out.publicKeys = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66].map((v) => ({ fill: v, private: hex(key(v).privKey), public: hex(key(v).pubKey) }));

console.log(JSON.stringify(out, null, 2));
