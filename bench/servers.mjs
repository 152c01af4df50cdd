// The two hand-written servers the benchmark compares the gateway with, each run as its own process so that
// its memory can be read on its own: `node bench/servers.mjs fake <port>` and
// `node bench/servers.mjs floor <port> <fake url>`. Loopback only.
import { Agent, createServer, request } from 'node:http';

const [role, port, upstreamUrl] = process.argv.slice(2);

/** What the fake has answered: `GET /stats` reports it (the tracking benchmark counts status calls). */
const stats = { sends: 0, statusCalls: 0, statusIds: 0 };

function answer(res, body) {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * A fast Afilnet stand-in: a send gets the success envelope with a new message id; `getdeliverystatus` answers
 * every id asked PENDING. The form is read only when it is a status call, so a send costs what it did before.
 */
function fake(req, res) {
  if (req.method === 'GET' && req.url === '/stats') return answer(res, stats);
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => {
    if (raw.includes('method=getdeliverystatus')) {
      const ids = (new URLSearchParams(raw).get('messages') ?? '').split(',');
      stats.statusCalls += 1;
      stats.statusIds += ids.length;
      return answer(res, {
        status: 'SUCCESS',
        result: ids.map((messageid) => ({ messageid, deliverystatus: 'PENDING', deliverydate: '' })),
      });
    }
    stats.sends += 1;
    answer(res, { status: 'SUCCESS', result: { messageid: String(stats.sends), credits: 1 } });
  });
}

/**
 * The floor: the least a Node proxy must do for the same call — parse the JSON body, build the Afilnet form,
 * POST it over a keep-alive connection, parse the envelope, answer normalised JSON. No validation, no
 * policies, no logging, no metrics.
 */
function floor() {
  const target = new URL(upstreamUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return (req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw);
      const form = new URLSearchParams({
        class: 'sms',
        method: 'sendsms',
        user: 'bench@example.com',
        password: 'bench-password',
        from: body.from,
        to: body.to,
        sms: body.sms,
      }).toString();
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': Buffer.byteLength(form),
          },
        },
        (answer) => {
          let text = '';
          answer.setEncoding('utf8');
          answer.on('data', (chunk) => (text += chunk));
          answer.on('end', () => {
            const { result } = JSON.parse(text);
            const out = JSON.stringify({ messageId: result.messageid, credits: result.credits });
            res.writeHead(201, {
              'Content-Type': 'application/json',
              'Content-Length': Buffer.byteLength(out),
            });
            res.end(out);
          });
        },
      );
      upstream.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      upstream.end(form);
    });
  };
}

const server = createServer(role === 'fake' ? fake : floor());
server.keepAliveTimeout = 30_000;
server.listen(Number(port), '127.0.0.1', () => process.send?.('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
