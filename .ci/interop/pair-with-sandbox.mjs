// Pairs Baileys (an independent WhatsApp Web client) with the wabridge sandbox: Baileys shows
// a QR code, the sandbox's phone scans it through the test API, Baileys verifies the pairing,
// reconnects after the 515 restart, logs in, uploads its prekeys and reports "open".
// Exit 0 on "open", non-zero otherwise. Usage: node pair-with-sandbox.mjs WS_URL API_BASE AUTH_DIR
import baileys from 'baileys';
import pino from 'pino';

const makeWASocket = baileys.default ?? baileys.makeWASocket;
const { useMultiFileAuthState, DisconnectReason } = baileys;
const [wsUrl, api, authDir] = process.argv.slice(2);
const { state, saveCreds } = await useMultiFileAuthState(authDir);
let scanned = false;

function connect() {
  const sock = makeWASocket({ waWebSocketUrl: wsUrl, auth: state, logger: pino({ level: 'silent' }), printQRInTerminal: false });
  sock.ev.on('creds.update', saveCreds);
  sock.ev.on('connection.update', async (u) => {
    if (u.qr && !scanned) {
      scanned = true;
      const r = await fetch(`${api}/sandbox/phones/34611112222/scan`, { method: 'POST', body: JSON.stringify({ qr: u.qr }) });
      console.log(`sandbox phone scanned Baileys' QR code: HTTP ${r.status} ${await r.text()}`);
    }
    if (u.connection === 'close') {
      const code = u.lastDisconnect?.error?.output?.statusCode;
      if (code === DisconnectReason.restartRequired) {
        console.log('stream error 515 (restart required) after pairing: Baileys reconnects and logs in');
        connect();
      } else {
        console.log(`FAILED: connection closed with ${code}: ${u.lastDisconnect?.error?.message}`);
        process.exit(2);
      }
    }
    if (u.connection === 'open') {
      console.log(`OK: Baileys is logged in to the sandbox as ${state.creds.me.id}`);
      process.exit(0);
    }
  });
}

connect();
setTimeout(() => { console.log('FAILED: no "open" within 30 s'); process.exit(4); }, 30000);
