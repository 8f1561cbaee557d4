package org.onedoor.disclosure;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A load generator's HTTP/1.1 client: one keep-alive connection, one request at a time, blocking
 * I/O, the body read and discarded (Content-Length or chunked). It does what wrk does per connection,
 * at a fraction of the JDK {@code HttpClient}'s CPU, so on a 2-core machine the measured server gets
 * the cores instead of the load generator. Not thread-safe: one per client thread.
 */
final class LoopbackHttpClient implements AutoCloseable {

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private final byte[] line = new byte[8192];
  private final byte[] sink = new byte[16384];

  LoopbackHttpClient(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** Sends {@code GET path} (an encoded, ASCII path with its query) and answers the status code. */
  int get(String path) throws IOException {
    try {
      return exchange(path);
    } catch (IOException e) {
      // the server may close an idle keep-alive connection: one retry on a fresh one
      close();
      return exchange(path);
    }
  }

  private int exchange(String path) throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      socket.connect(new InetSocketAddress(host, port), 5_000);
      in = new BufferedInputStream(socket.getInputStream(), 32768);
      out = new BufferedOutputStream(socket.getOutputStream(), 2048);
    }
    out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: text/html,application/json\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String status = readLine();
    if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
      throw new IOException("not an HTTP/1.1 status line: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean closing = false;
    for (String header = readLine(); !header.isEmpty(); header = readLine()) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> closing = value.equalsIgnoreCase("close");
        default -> { }
      }
    }
    if (chunked) {
      for (long size = Long.parseLong(readLine().split(";")[0].trim(), 16); size > 0;
          size = Long.parseLong(readLine().split(";")[0].trim(), 16)) {
        skip(size);
        readLine();
      }
      while (!readLine().isEmpty()) {
        // trailers
      }
    } else if (length >= 0) {
      skip(length);
    } else {
      closing = true;
      while (in.read(sink) >= 0) {
        // body until the server closes
      }
    }
    if (closing) {
      close();
    }
    return code;
  }

  private void skip(long n) throws IOException {
    while (n > 0) {
      int read = in.read(sink, 0, (int) Math.min(sink.length, n));
      if (read < 0) {
        throw new EOFException("connection closed with " + n + " bytes of the body unread");
      }
      n -= read;
    }
  }

  private String readLine() throws IOException {
    int n = 0;
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("connection closed in the response head");
      }
      if (b != '\r' && n < line.length) {
        line[n++] = (byte) b;
      }
    }
    return new String(line, 0, n, StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a socket that failed anyway
      }
    }
    socket = null;
  }
}
