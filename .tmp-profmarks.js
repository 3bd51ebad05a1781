const autocannon = require('autocannon');
const { randomUUID } = require('node:crypto');
const { startServer } = require('./bench/harness');
const { prepareDay } = require('./bench/prepare');
(async () => {
  const server = await startServer({ BENCH_PROBE: 'on' });
  const day = await prepareDay(server.url, { contestants: 150, aspects: 10, judges: 10 });
  const queue = [];
  for (const code of day.codes) for (const aspect of day.aspects) for (const judge of day.judges)
    queue.push({ judge, body: { workpieceCode: code, aspectId: aspect.id, value: 5 } });
  let next = 0;
  const path = process.env.PATH_ ?? '/api/judge/marks';
  const r = await new Promise((res, rej) => autocannon({ connections: 10, duration: 10, url: server.url + path, method: 'POST', headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => { const item = queue[next++ % queue.length]; return { ...req, headers: { ...req.headers, ...item.judge.auth }, body: JSON.stringify({ clientId: randomUUID(), ...item.body }) }; } }] }, (e, x) => e ? rej(e) : res(x)));
  console.log(r.requests.average, r.latency.p99, r.non2xx);
  await server.stop();
})();
