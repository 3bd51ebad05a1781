/**
 * Baseline server for bench/live.js (forked): mode 'sio' is a bare socket.io server (plain
 * `new Server(httpServer)`, namespace /live, a 'join' that puts the client in room event:<id> and
 * acks a snapshot, broadcasts with `io.of('/live').to(room).emit('standings', payload)`); mode 'ws'
 * is a raw `ws` server that serializes each message once and `send`s the same Buffer to every
 * client — the fan-out limit of the machine. It speaks just enough of the Engine.IO v4 /
 * Socket.IO v5 wire format (open packet, namespace connect, the join's ack, pings) for the same
 * socket.io clients to connect to it, so all three phases pay the same client-side cost.
 * POST /emit?i=<n> answers at once (the "acknowledgement") and then broadcasts payload
 * n % payloads.length with seq n + 1, like a lock's response followed by its push.
 */
const http = require('node:http');

process.once('message', ({ mode, payloads, eventId }) => {
  let broadcast;
  const server = http.createServer((req, res) => {
    const match = /^\/emit\?i=(\d+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      res.writeHead(404).end();
      return;
    }
    const i = Number(match[1]);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
    broadcast(i);
  });

  if (mode === 'sio') {
    const { Server } = require('socket.io');
    const io = new Server(server);
    const live = io.of('/live');
    live.on('connection', (socket) => {
      socket.on('join', async (body, ack) => {
        await socket.join(`event:${body.eventId}`);
        if (typeof ack === 'function') {
          ack({ eventId: body.eventId, seq: 0, rows: payloads[0].changes });
        }
      });
    });
    broadcast = (i) => {
      const payload = payloads[i % payloads.length];
      live.to(`event:${eventId}`).emit('standings', { ...payload, seq: i + 1 });
    };
  } else {
    const { WebSocketServer } = require('ws');
    const wss = new WebSocketServer({ server, path: '/socket.io/', perMessageDeflate: false });
    let sid = 0;
    wss.on('connection', (client) => {
      sid += 1;
      // Engine.IO "open" (0); the client answers our pings (2) with pongs (3).
      client.send(
        `0${JSON.stringify({ sid: `raw${sid}`, upgrades: [], pingInterval: 25000, pingTimeout: 20000, maxPayload: 1e6 })}`,
      );
      client.on('message', (data) => {
        const text = data.toString();
        if (text.startsWith('40/live,')) {
          // Socket.IO CONNECT to /live, acknowledged with a session id.
          client.send(`40/live,${JSON.stringify({ sid: `raw${sid}` })}`);
          return;
        }
        const join = /^42\/live,(\d+)(\[.*)$/s.exec(text);
        if (join) {
          // EVENT 'join' with an ack id: answer with ACK (3) and the snapshot.
          const [event, body] = JSON.parse(join[2]);
          if (event === 'join') {
            const answer = { eventId: body.eventId, seq: 0, rows: payloads[0].changes };
            client.send(`43/live,${join[1]}${JSON.stringify([answer])}`);
          }
        }
      });
    });
    const pings = setInterval(() => {
      for (const client of wss.clients) {
        client.send('2');
      }
    }, 25000);
    pings.unref();
    broadcast = (i) => {
      const payload = payloads[i % payloads.length];
      const message = Buffer.from(
        `42/live,${JSON.stringify(['standings', { ...payload, seq: i + 1 }])}`,
      );
      for (const client of wss.clients) {
        client.send(message, { binary: false });
      }
    };
  }

  server.listen(0, '127.0.0.1', () =>
    process.send({ type: 'listening', port: server.address().port }),
  );
});

process.on('disconnect', () => process.exit(0));
