package com.sharedmobility.rental.payment;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server on a free loopback port standing in for payment-adapter: answers with a chosen status. As a
 * registered extension it serves one test class: started when first asked for, stopped after the class.
 */
final class StubPaymentServer implements BeforeAllCallback, AfterAllCallback {

  private static final int DROP = -1;
  /** 200 with a body that is not a payment: the call went through, its outcome is unknown. */
  static final int GARBLED = -2;

  private volatile HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int status = 200;
  private volatile Duration delay = Duration.ZERO;
  private volatile String lastAuthorization;
  private volatile String lastTraceparent;
  private volatile String lastBody;
  private volatile CountDownLatch gate = new CountDownLatch(0);

  @Override
  public void beforeAll(ExtensionContext context) {
    answer(200);
    requests.set(0);
    server();
  }

  /** Started on first use: Spring may build a test class's context (and ask for the URL) before any extension. */
  private synchronized HttpServer server() {
    if (server != null) {
      return server;
    }
    HttpServer started;
    try {
      started = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    started.createContext("/payments", exchange -> {
      requests.incrementAndGet();
      lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
      lastTraceparent = exchange.getRequestHeaders().getFirst("traceparent");
      lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      awaitGate();
      sleep(delay);
      if (status == DROP) {
        exchange.close();
        return;
      }
      String rentalId = exchange.getRequestURI().getPath().split("/")[2];
      if (status == GARBLED) {
        byte[] garbled = "<html>proxy error</html>".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, garbled.length);
        exchange.getResponseBody().write(garbled);
        exchange.close();
        return;
      }
      String body = status == 200
          ? "{\"rentalId\":\"" + rentalId + "\",\"status\":\""
              + (exchange.getRequestURI().getPath().endsWith("/refund") ? "REFUNDED" : "CHARGED")
              + "\",\"amount\":5.00,\"currency\":\"EUR\",\"entries\":[],\"createdAt\":\"2026-01-01T00:00:00Z\"}"
          : "{\"title\":\"stubbed\",\"status\":" + status + ",\"detail\":\"stubbed failure\"}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    // requests are answered side by side, as by a real service
    started.setExecutor(Executors.newCachedThreadPool());
    started.start();
    server = started;
    return started;
  }

  String url() {
    return "http://127.0.0.1:" + server().getAddress().getPort();
  }

  void answer(int status) {
    this.status = status;
    this.delay = Duration.ZERO;
  }

  /** Closes each connection without an answer, as a crashing service would. */
  void dropConnections() {
    answer(DROP);
  }

  void answerSlowly(Duration delay) {
    this.status = 200;
    this.delay = delay;
  }

  /** Requests wait, unanswered, until {@link #releaseAnswers()}. */
  void holdAnswers() {
    gate = new CountDownLatch(1);
  }

  void releaseAnswers() {
    gate.countDown();
  }

  String lastAuthorization() {
    return lastAuthorization;
  }

  /** The W3C trace context of the last request. */
  String lastTraceparent() {
    return lastTraceparent;
  }

  /** The body of the last request, as sent. */
  String lastBody() {
    return lastBody;
  }

  int requests() {
    return requests.get();
  }

  private void awaitGate() {
    try {
      gate.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    releaseAnswers();
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }
}
