package dev.cistern.testkit.fault;

import dev.cistern.testkit.fault.FaultProxy.Direction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection through a {@link FaultProxy}: the client socket, the upstream socket (once
 * connected) and a pump thread per direction. A pump reads a chunk, waits at the proxy's gate while
 * its direction is held (black hole, half-open), then delays, throttles and forwards it. A held end
 * of stream is held too, so a close is seen only once the fault heals, as on a real network.
 */
final class ProxiedConnection {
  private static final int CHUNK = 16 * 1024;

  /** At low bandwidth a chunk is written in pieces of at most a tenth of a second's worth. */
  private static final int PIECES_PER_SECOND = 10;

  private final FaultProxy proxy;
  private final Socket client;
  private final long number;
  private final AtomicInteger runningPumps = new AtomicInteger(1);
  private volatile Socket upstream;
  private volatile boolean closed;

  /** Set by {@link FaultProxy#failover()}: nothing is forwarded any more, sockets stay open. */
  volatile boolean dead;

  ProxiedConnection(FaultProxy proxy, Socket client, long number) {
    this.proxy = proxy;
    this.client = client;
    this.number = number;
  }

  boolean isClosed() {
    return closed;
  }

  /** The client-to-server thread: connects upstream, starts the other pump, then pumps. */
  void runClientToServer() {
    try {
      setNoDelay(client);
      if (!connectUpstream()) {
        return;
      }
      pump(Direction.CLIENT_TO_SERVER, client, upstream);
    } catch (InterruptedException e) {
      close(false);
    } finally {
      pumpEnded();
    }
  }

  /**
   * Connects upstream after the black hole (if any) and the connect latency; a dead connection
   * never connects and its pump only drains the client. Returns false if the connection ended.
   */
  private boolean connectUpstream() throws InterruptedException {
    if (!proxy.awaitForwarding(this, null) || !proxy.pause(this, proxy.connectDelayNanos())) {
      return false;
    }
    if (dead) {
      return true;
    }
    Socket socket = new Socket();
    upstream = socket;
    if (closed) {
      FaultProxy.closeQuietly(socket);
      return false;
    }
    try {
      socket.connect(proxy.target(), proxy.upstreamConnectTimeoutMillis());
      setNoDelay(socket);
    } catch (IOException e) {
      close(true); // the client sees a reset, as close to "refused" as an accepted socket gets
      return false;
    }
    runningPumps.incrementAndGet();
    try {
      proxy.startThread(number + "-s2c", this::runServerToClient);
    } catch (RuntimeException | Error e) {
      runningPumps.decrementAndGet();
      throw e;
    }
    return true;
  }

  private void runServerToClient() {
    try {
      pump(Direction.SERVER_TO_CLIENT, upstream, client);
    } catch (InterruptedException e) {
      close(false);
    } finally {
      pumpEnded();
    }
  }

  private void pump(Direction direction, Socket from, Socket to) throws InterruptedException {
    byte[] buffer = new byte[CHUNK];
    InputStream in;
    OutputStream out;
    try {
      in = from.getInputStream();
      out = to == null ? OutputStream.nullOutputStream() : to.getOutputStream();
    } catch (IOException e) {
      close(true);
      return;
    }
    long nextSendNanos = System.nanoTime();
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (IOException e) {
        n = -2; // reset or closed under us
      }
      if (!proxy.awaitForwarding(this, direction)) {
        return;
      }
      if (dead) {
        if (n >= 0) {
          continue; // dropped: the peer it was meant for is gone
        }
        if (direction == Direction.CLIENT_TO_SERVER) {
          close(false); // the client gave up on the dead connection
        } else {
          FaultProxy.closeQuietly(from); // the old server left; its client must not know
        }
        return;
      }
      if (n == -1) {
        shutdownOutput(to);
        return;
      }
      if (n < 0) {
        close(true);
        return;
      }
      if (!proxy.pause(this, proxy.chunkDelayNanos())) {
        return;
      }
      try {
        nextSendNanos = forward(out, buffer, n, nextSendNanos);
      } catch (IOException e) {
        close(true);
        return;
      }
      if (nextSendNanos < 0) {
        return;
      }
    }
  }

  /**
   * Writes {@code n} bytes, in pieces paced by the bandwidth cap (if any). Returns when the next
   * piece may be sent, or -1 if the connection closed while pacing.
   */
  private long forward(OutputStream out, byte[] buffer, int n, long nextSendNanos)
      throws IOException, InterruptedException {
    int offset = 0;
    while (offset < n) {
      long rate = proxy.bytesPerSecond();
      if (rate <= 0) {
        out.write(buffer, offset, n - offset);
        out.flush();
        return System.nanoTime();
      }
      int piece = (int) Math.min(n - offset, Math.max(1, rate / PIECES_PER_SECOND));
      long now = System.nanoTime();
      // the cost of this piece is paid before it is sent, so no burst exceeds the cap
      long sendAt = Math.max(nextSendNanos, now) + piece * 1_000_000_000L / rate;
      if (!proxy.pause(this, sendAt - now)) {
        return -1;
      }
      out.write(buffer, offset, piece);
      out.flush();
      offset += piece;
      nextSendNanos = sendAt;
    }
    return nextSendNanos;
  }

  private void pumpEnded() {
    if (runningPumps.decrementAndGet() == 0) {
      close(false);
    }
  }

  /** Closes both sockets, with a reset (SO_LINGER 0) if {@code reset}; idempotent. */
  void close(boolean reset) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    Socket up = upstream;
    if (reset) {
      lingerZero(client);
      lingerZero(up);
    }
    FaultProxy.closeQuietly(client);
    FaultProxy.closeQuietly(up);
    proxy.removed(this);
  }

  private static void shutdownOutput(Socket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.shutdownOutput();
    } catch (IOException e) {
      // the socket is already closed: the other pump ends on its own
    }
  }

  private static void lingerZero(Socket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // already closed
    }
  }

  private static void setNoDelay(Socket socket) {
    try {
      socket.setTcpNoDelay(true);
    } catch (IOException e) {
      // not essential
    }
  }
}
