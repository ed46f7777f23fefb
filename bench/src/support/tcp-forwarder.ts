import { connect, createServer, type Socket } from 'node:net';

export type Forwarder = {
  port: number;
  /** New connections go to `port` from now on; connections already open stay where they are. */
  pointAt: (port: number) => void;
  stop: () => Promise<void>;
};

/**
 * A loopback TCP forwarder standing in for the address a real deployment moves on failover (a virtual IP, a
 * DNS name, a managed service's endpoint, or a pooler such as PgBouncer/HAProxy in front of Patroni): the
 * app's DATABASE_URL names it, and the drill points it at the new primary. When its target is down it
 * closes the client's connection, as an address with nothing behind it would refuse it.
 */
export async function startForwarder(targetPort: number): Promise<Forwarder> {
  let target = targetPort;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    open.add(client);
    const upstream = connect({ host: '127.0.0.1', port: target });
    open.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    pointAt: (port) => {
      target = port;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
