// The two hand-written servers the benchmark compares the gateway with, each run as its own process so that
// its memory can be read on its own: `node bench/servers.mjs fake <port>` and
// `node bench/servers.mjs floor <port> <fake url>`. Loopback only.
import { Agent, createServer, request } from 'node:http';

const [role, port, upstreamUrl] = process.argv.slice(2);
const SUCCESS = JSON.stringify({ status: 'SUCCESS', result: { messageid: '1', credits: 1 } });

/** A fast Afilnet stand-in: reads the form body, answers the SMS success envelope. */
function fake(req, res) {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(SUCCESS) });
    res.end(SUCCESS);
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
