package com.sharedmobility.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Requests for one rental that arrive together still move money at most once. */
class ConcurrentPaymentApiTest extends PaymentApiTestSupport {

  private static final int THREADS = 10;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void concurrentChargesGiveOneChargeEntry() throws Exception {
    UUID rental = UUID.randomUUID();

    List<ResponseEntity<JsonNode>> responses = together(i -> charge(rental, "12.50", "EUR", VISA));

    assertThat(responses).allSatisfy(r -> {
      assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(r.getBody().path("status").asText()).isEqualTo("CHARGED");
    });
    assertThat(entries(rental)).containsExactly("CHARGE");
    assertProviderCalls(rental, 1, 0);
  }

  @Test
  void concurrentRefundsOfNothingAllAnswerVoided() throws Exception {
    UUID rental = UUID.randomUUID();

    List<ResponseEntity<JsonNode>> responses = together(i -> refund(rental));

    assertThat(responses).allSatisfy(r -> {
      assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(r.getBody().path("status").asText()).isEqualTo("VOIDED");
    });
    assertThat(entries(rental)).isEmpty();
  }

  @RepeatedTest(3)
  void chargesRacingRefundsNeverLeaveMoneyTaken() throws Exception {
    UUID rental = UUID.randomUUID();

    List<ResponseEntity<JsonNode>> responses =
        together(i -> i % 2 == 0 ? charge(rental, "12.50", "EUR", VISA) : refund(rental));

    assertThat(responses).allSatisfy(r -> assertThat(r.getStatusCode()).isIn(HttpStatus.OK, HttpStatus.CONFLICT));
    String status = get("/payments/{id}", rental).getBody().path("status").asText();
    assertThat(status).isIn("REFUNDED", "VOIDED");
    boolean charged = status.equals("REFUNDED");
    assertThat(entries(rental)).isEqualTo(charged ? List.of("CHARGE", "REFUND") : List.of());
    assertProviderCalls(rental, charged ? 1 : 0, charged ? 1 : 0);
  }

  /** Sends THREADS requests at once; the request is told its number. */
  private List<ResponseEntity<JsonNode>> together(IntFunction<ResponseEntity<JsonNode>> request) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<ResponseEntity<JsonNode>>> futures = IntStream.range(0, THREADS)
        .mapToObj(i -> pool.submit(() -> {
          start.await();
          return request.apply(i);
        }))
        .toList();
    start.countDown();
    List<ResponseEntity<JsonNode>> responses = new ArrayList<>();
    for (Future<ResponseEntity<JsonNode>> future : futures) {
      responses.add(future.get(30, TimeUnit.SECONDS));
    }
    return responses;
  }

  /** The ledger entries of the rental as the database holds them, oldest first. */
  private List<String> entries(UUID rental) {
    return jdbc.queryForList("select type from ledger_entry where rental_id = ? order by booked_at, id", String.class,
        rental);
  }
}
