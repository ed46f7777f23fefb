import { Agent, createServer, request } from 'node:http';

export type RoundRobin = {
  baseUrl: string;
  /** Requests handed to each backend so far, in the order the backends were given. */
  served: () => number[];
  stop: () => Promise<void>;
};

/**
 * A loopback HTTP load balancer for the multi-node benchmark: each request goes to the next backend in turn
 * (round-robin per request, not per connection, so one keep-alive client still reaches every node). It stands
 * in for the provider's load balancer; nothing in it is sticky, so any node must answer any request.
 */
export async function startRoundRobin(backends: readonly string[]): Promise<RoundRobin> {
  const counts = backends.map(() => 0);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const index = next;
    next = (next + 1) % backends.length;
    counts[index]!++;
    const target = new URL(incoming.url ?? '/', backends[index]);
    const upstream = request(
      target,
      { method: incoming.method, headers: incoming.headers, agent },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end('backend unreachable');
    });
    incoming.pipe(upstream);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    served: () => [...counts],
    stop: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
