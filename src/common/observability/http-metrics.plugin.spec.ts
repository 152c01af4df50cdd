import Fastify from 'fastify';
import { httpMetricsPlugin } from './http-metrics.plugin.js';
import { MetricsService } from './metrics.service.js';

describe('httpMetricsPlugin', () => {
  it('counts answered requests by route template, never by raw URL', async () => {
    const metrics = new MetricsService();
    const app = Fastify();
    await app.register(httpMetricsPlugin, { metrics });
    app.get('/v1/groups/:id', () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    try {
      await fetch(`${url}/v1/groups/7`);
      await fetch(`${url}/v1/groups/8`);
      await fetch(`${url}/v1/secret-path`);

      const text = await metrics.registry.metrics();
      expect(text).toMatch(
        /^gateway_http_requests_total\{method="GET",route="\/v1\/groups\/:id",status="200",api_key="none"\} 2$/m,
      );
      expect(text).toMatch(/route="unmatched",status="404"/);
      expect(text).not.toContain('secret-path');
    } finally {
      await app.close();
    }
  });
});
