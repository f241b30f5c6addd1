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
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
