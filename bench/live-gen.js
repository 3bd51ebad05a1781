/**
 * Load generator for bench/live.js (forked). Owns a share of the viewers: socket.io clients that
 * connect to `${url}/live`, emit 'join' with an ack and listen for 'standings' — the same clients
 * for the product and both baselines (the raw ws server speaks their wire format). Every socket binds
 * its own source address 127.A.B.C from `addrPrefix` (100 sockets per address) so runs do not
 * exhaust the ephemeral ports of 127.0.0.1 or trip over TIME_WAIT. Receipt times are wall-clock
 * milliseconds (performance.timeOrigin + performance.now()), shared by all processes on the host.
 *
 * Protocol (IPC): {cmd:'connect', url, path, eventId, count, addrPrefix, concurrency}
 *   → {type:'progress'|'ready', connected, joined, errors}; {cmd:'collect'} → {type:'receipts', ...};
 *   {cmd:'close'} → closes every socket and exits.
 */
const { performance } = require('node:perf_hooks');

const now = () => performance.timeOrigin + performance.now();
const PER_ADDRESS = 100;

const sockets = [];
const receipts = new Map(); // seq -> number[] (receipt times)
let connected = 0;
let joined = 0;
let errors = 0;
let disconnects = 0;
const errorSamples = [];

function record(seq) {
  const t = now();
  let list = receipts.get(seq);
  if (!list) {
    list = [];
    receipts.set(seq, list);
  }
  list.push(t);
}

function noteError(message) {
  errors += 1;
  if (errorSamples.length < 5) {
    errorSamples.push(String(message));
  }
}

function sourceAddress(prefix, index) {
  const a = Math.floor(index / PER_ADDRESS);
  return `${prefix}.${1 + (a % 250)}`;
}

function connectSio({ url, path, eventId }, localAddress) {
  const { io } = require('socket.io-client');
  return new Promise((resolve) => {
    const socket = io(`${url}/live`, {
      path: path ?? '/socket.io',
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 60_000,
      localAddress,
    });
    sockets.push(socket);
    let done = false;
    const finish = (ok, why) => {
      if (!done) {
        done = true;
        if (!ok) {
          noteError(why);
        }
        resolve(ok);
      }
    };
    socket.on('standings', (message) => record(message.seq));
    socket.on('connect_error', (error) => finish(false, `connect_error ${error.message}`));
    socket.on('disconnect', (reason) => {
      disconnects += 1;
      finish(false, `disconnect ${reason}`);
    });
    socket.once('connect', () => {
      connected += 1;
      socket.timeout(60_000).emit('join', { eventId }, (error, answer) => {
        if (error || !answer || answer.error) {
          finish(false, `join ${error ? error.message : JSON.stringify(answer && answer.error)}`);
          return;
        }
        joined += 1;
        finish(true);
      });
    });
  });
}

async function connectAll(options) {
  const { count, concurrency, addrPrefix } = options;
  let next = 0;
  const progress = setInterval(
    () => process.send({ type: 'progress', connected, joined, errors }),
    1000,
  );
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await connectSio(options, sourceAddress(addrPrefix, index));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  clearInterval(progress);
  process.send({ type: 'ready', connected, joined, errors, errorSamples });
}

process.on('message', (message) => {
  if (message.cmd === 'connect') {
    connectAll(message).catch((error) => {
      noteError(error.message);
      process.send({ type: 'ready', connected, joined, errors, errorSamples });
    });
  } else if (message.cmd === 'collect') {
    process.send({
      type: 'receipts',
      receipts: [...receipts.entries()],
      joined,
      errors,
      disconnects,
      errorSamples,
    });
  } else if (message.cmd === 'close') {
    for (const socket of sockets) {
      try {
        socket.disconnect();
      } catch {
        // closing anyway
      }
    }
    setTimeout(() => process.exit(0), 200);
  }
});

// The parent going away must not leave thousands of sockets behind.
process.on('disconnect', () => process.exit(0));
