package com.sharedmobility.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** What reconciliation asks of the ledger: the charges no rental confirmed, and their confirmation. */
class UnconfirmedChargesApiTest extends PaymentApiTestSupport {

  private static final int COMPLETED_RENTALS = 1_000_000;

  /**
   * A ledger the size production reaches: a million payments of completed rentals, confirmed long ago. The orphan
   * among them is found, and the query reads a few pages of the index, not the ledger.
   */
  @Test
  void findsTheOrphanAmongAMillionConfirmedPaymentsReadingOnlyTheIndexOfUnconfirmedCharges() {
    jdbc.update("""
        INSERT INTO payment (rental_id, customer, amount, currency, payment_method, status, created_at, updated_at,
                             confirmed_at)
        SELECT gen_random_uuid(), 'alice', 5.00, 'EUR', 'pm_card_visa', 'CHARGED', t, t, t + interval '1 minute'
        FROM generate_series(1, ?) AS i, LATERAL (SELECT now() - interval '2 days' + i * interval '100 ms') AS x(t)
        """, COMPLETED_RENTALS);
    jdbc.execute("ANALYZE payment");
    UUID orphan = UUID.randomUUID();
    charge(orphan, "12.00", "EUR", VISA);
    backdate(orphan, Duration.ofMinutes(10));
    UUID starting = UUID.randomUUID();
    charge(starting, "12.00", "EUR", VISA);
    Instant chargedBefore = Instant.now().minus(Duration.ofMinutes(5));

    assertThat(rentalIds(unconfirmed(chargedBefore, 250))).contains(orphan.toString())
        .doesNotContain(starting.toString());

    String plan = jdbc.queryForList("""
        EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT)
        SELECT rental_id, created_at FROM payment
        WHERE status = 'CHARGED' AND confirmed_at IS NULL AND created_at < ? ORDER BY created_at LIMIT 250
        """, String.class, Timestamp.from(chargedBefore)).toString();
    assertThat(plan).contains("Index Scan using payment_unconfirmed_idx").doesNotContain("Seq Scan");
    assertThat(sharedBuffers(plan)).as(plan).isLessThan(50);
  }

  @Test
  void listsUnconfirmedChargesOldestFirstAndLeavesConfirmedRefundedAndDeclinedOnesOut() {
    UUID older = UUID.randomUUID();
    UUID newer = UUID.randomUUID();
    UUID confirmed = UUID.randomUUID();
    UUID refunded = UUID.randomUUID();
    UUID declined = UUID.randomUUID();
    for (UUID each : List.of(older, newer, confirmed, refunded)) {
      charge(each, "10.00", "EUR", VISA);
    }
    charge(declined, "10.00", "EUR", DECLINING_CARD);
    refund(refunded);
    confirm(List.of(confirmed));
    backdate(older, Duration.ofMinutes(9));
    backdate(newer, Duration.ofMinutes(8));
    for (UUID each : List.of(confirmed, refunded, declined)) {
      backdate(each, Duration.ofMinutes(7));
    }

    List<String> ids = rentalIds(unconfirmed(Instant.now().minus(Duration.ofMinutes(5)), 1000));

    assertThat(ids).containsSubsequence(older.toString(), newer.toString())
        .doesNotContain(confirmed.toString(), refunded.toString(), declined.toString());
  }

  @Test
  void confirmingTwiceConfirmsOnceAndKeepsTheFirstTime() {
    UUID rental = UUID.randomUUID();
    charge(rental, "10.00", "EUR", VISA);

    assertThat(confirm(List.of(rental)).getBody().path("confirmed").asInt()).isEqualTo(1);
    String firstTime = get("/payments/{id}", rental).getBody().path("confirmedAt").asText();
    assertThat(confirm(List.of(rental)).getBody().path("confirmed").asInt()).isZero();

    assertThat(firstTime).isNotBlank();
    assertThat(get("/payments/{id}", rental).getBody().path("confirmedAt").asText()).isEqualTo(firstTime);
  }

  @Test
  void aBatchOverThreeHundredOrWithoutIdsIsRefused() {
    List<UUID> tooMany = IntStream.range(0, 301).mapToObj(i -> UUID.randomUUID()).toList();

    assertProblem(confirm(tooMany), HttpStatus.BAD_REQUEST);
    assertProblem(confirm(List.of()), HttpStatus.BAD_REQUEST);
    assertProblem(get("/payments/unconfirmed?limit=10"), HttpStatus.BAD_REQUEST);
  }

  @Test
  void onlyThePaymentClientConfirms() {
    ResponseEntity<JsonNode> response = as(OPERATOR_USER, OPERATOR_PASSWORD).postForEntity("/payments/confirmations",
        json("{ \"rentalIds\": [\"" + UUID.randomUUID() + "\"] }"), JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  private ResponseEntity<JsonNode> unconfirmed(Instant chargedBefore, int limit) {
    ResponseEntity<JsonNode> response = get("/payments/unconfirmed?chargedBefore={before}&limit={limit}",
        chargedBefore, limit);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response;
  }

  private ResponseEntity<JsonNode> confirm(List<UUID> rentalIds) {
    String ids = String.join(",", rentalIds.stream().map(id -> "\"" + id + "\"").toList());
    return http.postForEntity("/payments/confirmations", json("{ \"rentalIds\": [" + ids + "] }"), JsonNode.class);
  }

  private static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private void backdate(UUID rentalId, Duration age) {
    jdbc.update("UPDATE payment SET created_at = ? WHERE rental_id = ?",
        Timestamp.from(Instant.now().minus(age)), rentalId);
  }

  private static List<String> rentalIds(ResponseEntity<JsonNode> response) {
    return StreamSupport.stream(response.getBody().spliterator(), false)
        .map(p -> p.path("rentalId").asText()).toList();
  }

  /** Shared buffers (pages) the top node of the plan touched, hit or read. */
  private static int sharedBuffers(String plan) {
    Matcher buffers = Pattern.compile("Buffers: shared((?: \\w+=\\d+)+)").matcher(plan);
    assertThat(buffers.find()).as(plan).isTrue();
    return Arrays.stream(buffers.group(1).trim().split(" "))
        .mapToInt(part -> Integer.parseInt(part.substring(part.indexOf('=') + 1))).sum();
  }
}
