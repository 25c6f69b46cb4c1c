/** holdUntilTurnEnds over real loopback sockets: held writes stay in node until the turn ends, then all leave. */
import net from 'node:net';
import { waitFor } from '../../../test/support/wait';
import { holdUntilTurnEnds } from './turn-writes';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

let server: net.Server;
const received: Promise<string>[] = [];

beforeAll(async () => {
  server = net.createServer((socket) => {
    // Each connection reports everything it got, once its client ends.
    received.push(new Promise((resolve) => {
      let text = '';
      socket.setEncoding('latin1');
      socket.on('data', (piece: string) => (text += piece));
      socket.on('end', () => { resolve(text); socket.end(); });
    }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
const clients: net.Socket[] = [];
afterEach(() => clients.splice(0).forEach((socket) => socket.destroy()));
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function connected(count: number): Promise<net.Socket[]> {
  received.length = 0;
  const { port } = server.address() as net.AddressInfo;
  const sockets = await Promise.all(Array.from({ length: count }, () => new Promise<net.Socket>((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
  })));
  await waitFor(() => received.length === count); // the server side is listening too
  clients.push(...sockets);
  return sockets;
}

describe('holdUntilTurnEnds', () => {
  it('keeps writes in node until the turn ends, then sends every held socket in order', async () => {
    const sockets = await connected(2);
    sockets.forEach((socket, i) => {
      holdUntilTurnEnds(socket);
      socket.write(`a${i}`);
      socket.write(`b${i}`);
    });
    for (const socket of sockets) {
      expect(socket.writableCorked).toBe(1);
      expect(socket.writableLength).toBe(4); // not yet with the kernel
    }
    await nextTurn();
    for (const socket of sockets) {
      expect(socket.writableCorked).toBe(0);
      expect(socket.writableLength).toBe(0);
      socket.end();
    }
    expect((await Promise.all(received)).sort()).toEqual(['a0b0', 'a1b1']);
  });

  it('matches every hold with one uncork, nested corks and repeated holds included', async () => {
    const [socket] = await connected(1);
    holdUntilTurnEnds(socket);
    socket.cork(); // a writer's own cork / uncork pair inside the held turn
    socket.write('x');
    socket.uncork();
    holdUntilTurnEnds(socket); // the next exchange on the same connection, still in this turn
    socket.write('y');
    expect(socket.writableCorked).toBe(2);
    expect(socket.writableLength).toBe(2);
    await nextTurn();
    expect(socket.writableCorked).toBe(0);
    socket.end();
    expect(await received[0]).toBe('xy');
  });

  it('flushes a socket held after this turn\'s flush on the following turn', async () => {
    const [first, second] = await connected(2);
    holdUntilTurnEnds(first);
    first.write('1');
    // Queued after the flush: holds later in the same turn.
    setImmediate(() => {
      holdUntilTurnEnds(second);
      second.write('2');
    });
    await nextTurn();
    expect(first.writableCorked).toBe(0);
    expect(second.writableCorked).toBe(1);
    await nextTurn();
    expect(second.writableCorked).toBe(0);
    first.end();
    second.end();
    expect((await Promise.all(received)).sort()).toEqual(['1', '2']);
  });
});
