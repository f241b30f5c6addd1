// Prints the known-answer vectors of wa-wire's AppStateVectorsTest
// (wa-wire/src/test/resources/vectors/appstate-baileys.json), computed with the pinned Baileys
// 6.17.16 (package-lock.json): its LT_HASH_ANTI_TAMPERING (lib/Utils/lt-hash.js), its hkdf with the
// info string of chat-utils.js mutationKeys, and three patches built by chat-utils.js
// chatModificationToAppPatch + encodeSyncdPatch on a fixed key: archive, unarchive (overwrites the
// archive, so the LT-hash subtracts its value MAC) and a REMOVE of the same index. encodeSyncdPatch
// draws a random IV; for fixed bytes this script swaps Baileys' aesEncrypt for one with a fixed IV
// (its own aesEncrypWithIV, the IV prefixed as aesEncrypt does). Regenerate with
//   node .ci/interop/appstate-vectors.cjs > wa-wire/src/test/resources/vectors/appstate-baileys.json
// (after `npm ci` in .ci/interop); .ci/appstate-crosscheck.sh regenerates and compares. It only
// calls Baileys; nothing here is copied into Java.
//
// Snapshots and external blobs: on a fresh state, two more patches (archive two chats) and a third
// one. A server that cannot read the records serves the collection at v2 as a snapshot: the
// records of v2 with patch v2's snapshot MAC and key id; Baileys' decodeSyncdSnapshot must verify
// it. The snapshot and the third patch's mutations (SyncdMutations) are sealed as media blobs by
// messages-media.js encryptedStream('md-app-state') with fixed media keys (it draws one from
// crypto.randomBytes(32), swapped here for the fixed one), as WhatsApp's media servers hold them.
'use strict';
const crypto = require('baileys/lib/Utils/crypto');
const chatUtils = require('baileys/lib/Utils/chat-utils');
const { LT_HASH_ANTI_TAMPERING } = require('baileys/lib/Utils/lt-hash');
const { proto } = require('baileys/WAProto');

const hex = (b) => Buffer.from(b).toString('hex');
const filled = (n, v) => Buffer.alloc(n, v);
const counting = (n, from) => Buffer.from(Array.from({ length: n }, (_, i) => (from + i) & 0xff));

async function main() {
  const out = { source: 'Baileys 6.17.16 (npm baileys), .ci/interop/appstate-vectors.cjs' };

  // LT-hash: from zero add A and B, then subtract A and add C.
  const a = filled(32, 0x01);
  const b = filled(32, 0x02);
  const c = counting(32, 0x10);
  // lt-hash.js subtractThenAdd(base, add, subtract) (its parameter order)
  const h1 = Buffer.from(await LT_HASH_ANTI_TAMPERING.subtractThenAdd(new Uint8Array(128).buffer, [a, b], []));
  const h2 = Buffer.from(await LT_HASH_ANTI_TAMPERING.subtractThenAdd(new Uint8Array(h1).buffer, [c], [a]));
  out.ltHash = { a: hex(a), b: hex(b), c: hex(c), afterAddAB: hex(h1), afterSubtractAAddC: hex(h2) };

  // Mutation keys: chat-utils.js mutationKeys = hkdf(keyData, 160, { info: 'WhatsApp Mutation Keys' }).
  const keyData = counting(32, 0x40);
  const expanded = await crypto.hkdf(keyData, 160, { info: 'WhatsApp Mutation Keys' });
  out.mutationKeys = {
    keyData: hex(keyData),
    indexKey: hex(expanded.slice(0, 32)), valueEncryptionKey: hex(expanded.slice(32, 64)),
    valueMacKey: hex(expanded.slice(64, 96)), snapshotMacKey: hex(expanded.slice(96, 128)),
    patchMacKey: hex(expanded.slice(128, 160)),
  };

  // Patches on a fixed key, with fixed IVs.
  const keyId = Buffer.from('000000010203', 'hex');
  const getKey = async (id) => (id === keyId.toString('base64') ? { keyData } : undefined);
  let iv;
  crypto.aesEncrypt = (buffer, key) => Buffer.concat([iv, crypto.aesEncrypWithIV(buffer, key, iv)]);

  const jid = '34600000001@s.whatsapp.net';
  const timestampMs = 1735689600123;
  const lastMessageTimestamp = 1735689600;
  const OP = proto.SyncdMutation.SyncdOperation;
  let state = chatUtils.newLTHashState();
  out.keyId = hex(keyId);
  out.jid = jid;
  out.timestampMs = timestampMs;
  out.lastMessageTimestamp = lastMessageTimestamp;
  out.patches = [];
  const steps = [
    { name: 'archive', mod: { archive: true, lastMessages: { lastMessageTimestamp } }, iv: filled(16, 0xa1), op: OP.SET },
    { name: 'unarchive', mod: { archive: false, lastMessages: { lastMessageTimestamp } }, iv: filled(16, 0xa2), op: OP.SET },
    { name: 'remove', mod: { archive: false, lastMessages: { lastMessageTimestamp } }, iv: filled(16, 0xa3), op: OP.REMOVE },
  ];
  for (const step of steps) {
    const create = chatUtils.chatModificationToAppPatch(step.mod, jid);
    create.syncAction.timestamp = timestampMs;
    create.operation = step.op;
    iv = step.iv;
    const result = await chatUtils.encodeSyncdPatch(create, keyId.toString('base64'), state, getKey);
    state = result.state;
    const patch = result.patch;
    const record = patch.mutations[0].record;
    const value = Buffer.from(record.value.blob);
    out.patches.push({
      name: step.name,
      operation: step.op === OP.SET ? 'SET' : 'REMOVE',
      collection: create.type,
      index: create.index,
      apiVersion: create.apiVersion,
      iv: hex(step.iv),
      indexMac: hex(record.index.blob),
      valueMac: hex(value.slice(-32)),
      value: hex(value),
      snapshotMac: hex(patch.snapshotMac),
      patchMac: hex(patch.patchMac),
      version: state.version,
      ltHash: hex(state.hash),
      encoded: hex(proto.SyncdPatch.encode(patch).finish()),
    });
  }
  out.blobs = await blobs(getKey, keyId, OP);
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

// encryptedStream with a fixed media key: the file (ciphertext ‖ 10-byte MAC) and its hashes.
async function seal(plain, mediaKey) {
  const nodeCrypto = require('crypto');
  const media = require('baileys/lib/Utils/messages-media');
  const random = nodeCrypto.randomBytes;
  nodeCrypto.randomBytes = (n, ...rest) => (n === 32 && rest.length === 0 ? Buffer.from(mediaKey) : random(n, ...rest));
  try {
    const sealed = await media.encryptedStream(plain, 'md-app-state');
    const chunks = [];
    for await (const chunk of sealed.encWriteStream) {
      chunks.push(chunk);
    }
    const keys = await media.getMediaKeys(sealed.mediaKey, 'md-app-state');
    return {
      mediaKey: hex(sealed.mediaKey), hkdfInfo: media.hkdfInfoKey('md-app-state'),
      iv: hex(keys.iv), cipherKey: hex(keys.cipherKey), macKey: hex(keys.macKey),
      plain: hex(plain), file: hex(Buffer.concat(chunks)), mac: hex(sealed.mac),
      fileSha256: hex(sealed.fileSha256), fileEncSha256: hex(sealed.fileEncSha256), fileLength: sealed.fileLength,
    };
  } finally {
    nodeCrypto.randomBytes = random;
  }
}

async function blobs(getKey, keyId, OP) {
  const chats = ['34600000002@s.whatsapp.net', '34600000003@s.whatsapp.net', '34600000004@s.whatsapp.net'];
  const ivs = [filled(16, 0xb1), filled(16, 0xb2), filled(16, 0xb3)];
  const timestampMs = 1735689700456;
  let state = chatUtils.newLTHashState();
  const patches = [];
  for (let i = 0; i < chats.length; i++) {
    const create = chatUtils.chatModificationToAppPatch({ archive: true, lastMessages: { lastMessageTimestamp: 1735689700 } }, chats[i]);
    create.syncAction.timestamp = timestampMs;
    create.operation = OP.SET;
    crypto.aesEncrypt = (buffer, key) => Buffer.concat([ivs[i], crypto.aesEncrypWithIV(buffer, key, ivs[i])]);
    const result = await chatUtils.encodeSyncdPatch(create, keyId.toString('base64'), state, getKey);
    state = result.state;
    patches.push({ patch: result.patch, state: { version: state.version, hash: Buffer.from(state.hash) } });
  }
  const atV2 = patches[1];
  const snapshot = proto.SyncdSnapshot.create({
    version: { version: 2 },
    records: patches.slice(0, 2).map((p) => p.patch.mutations[0].record),
    mac: atV2.patch.snapshotMac,
    keyId: atV2.patch.keyId,
  });
  const snapshotBytes = Buffer.from(proto.SyncdSnapshot.encode(snapshot).finish());
  const decoded = await chatUtils.decodeSyncdSnapshot('regular_low', proto.SyncdSnapshot.decode(snapshotBytes), getKey, undefined, true);
  if (decoded.state.version !== 2 || Buffer.compare(Buffer.from(decoded.state.hash), atV2.state.hash) !== 0) {
    throw new Error('Baileys does not read the snapshot back as v2');
  }

  const third = patches[2];
  const mutationsBytes = Buffer.from(proto.SyncdMutations.encode({ mutations: third.patch.mutations }).finish());
  const snapshotBlob = await seal(snapshotBytes, counting(32, 0x70));
  const mutationsBlob = await seal(mutationsBytes, counting(32, 0x90));
  const external = proto.SyncdPatch.create({
    version: { version: 3 },
    snapshotMac: third.patch.snapshotMac,
    keyId: third.patch.keyId,
    patchMac: third.patch.patchMac,
    externalMutations: {
      mediaKey: Buffer.from(mutationsBlob.mediaKey, 'hex'), directPath: '/mms/md-app-state/mutations?ccb=11-4',
      handle: 'mutations', fileSizeBytes: mutationsBytes.length,
      fileSha256: Buffer.from(mutationsBlob.fileSha256, 'hex'), fileEncSha256: Buffer.from(mutationsBlob.fileEncSha256, 'hex'),
    },
  });
  const snapshotRef = proto.ExternalBlobReference.create({
    mediaKey: Buffer.from(snapshotBlob.mediaKey, 'hex'), directPath: '/mms/md-app-state/snapshot?ccb=11-4',
    handle: 'snapshot', fileSizeBytes: snapshotBytes.length,
    fileSha256: Buffer.from(snapshotBlob.fileSha256, 'hex'), fileEncSha256: Buffer.from(snapshotBlob.fileEncSha256, 'hex'),
  });
  return {
    chats, ivs: ivs.map(hex), timestampMs,
    snapshot: {
      version: 2, ltHash: hex(atV2.state.hash), mac: hex(snapshot.mac), encoded: hex(snapshotBytes),
      reference: hex(proto.ExternalBlobReference.encode(snapshotRef).finish()), blob: snapshotBlob,
    },
    externalPatch: {
      version: 3, ltHash: hex(third.state.hash), encoded: hex(proto.SyncdPatch.encode(external).finish()),
      mutations: hex(mutationsBytes), blob: mutationsBlob,
    },
  };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
