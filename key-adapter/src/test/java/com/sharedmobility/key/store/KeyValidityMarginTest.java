package com.sharedmobility.key.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.sharedmobility.key.PostgresBackedTest;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rental's time starts when the engine takes the issue-key task's completion, a moment after the key was issued
 * (seconds after, when the task was redelivered under load); the margin keeps the key open until the process revokes
 * it at the rental's end.
 */
class KeyValidityMarginTest extends PostgresBackedTest {

  private static final Duration MARGIN = Duration.ofMinutes(1);
  private static final Duration TWO_HOURS = Duration.ofHours(2);

  @Autowired
  private KeyService keys;

  @DynamicPropertySource
  static void margin(DynamicPropertyRegistry registry) {
    registry.add("key.validity-margin", MARGIN::toString);
  }

  @Test
  void anIssuedKeyOutlastsTheRentalByTheMargin() {
    String rentalId = newRentalId();
    String mobilityId = newMobilityId();

    String code = keys.issue(rentalId, mobilityId, TWO_HOURS);

    KeySummary key = keys.find(rentalId).orElseThrow();
    assertThat(key.validUntil()).isEqualTo(key.issuedAt().plus(TWO_HOURS).plus(MARGIN));
    clock.advance(TWO_HOURS.plusSeconds(30));
    assertThat(keys.verify(mobilityId, code, "test")).as("still open just after the rental's end").contains(rentalId);
    clock.advance(Duration.ofSeconds(30));
    assertThat(keys.verify(mobilityId, code, "test")).as("closed after the margin").isEmpty();
  }

  @Test
  void aRedeliveryExtendsTheKeyToTheRentalsEndPlusTheMargin() {
    String rentalId = newRentalId();
    String mobilityId = newMobilityId();
    keys.issue(rentalId, mobilityId, TWO_HOURS);
    clock.advance(Duration.ofSeconds(90));

    keys.issue(rentalId, mobilityId, TWO_HOURS);

    assertThat(keys.find(rentalId).orElseThrow().validUntil())
        .isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS).plus(TWO_HOURS).plus(MARGIN));
  }

  @Test
  void anOperatorsKeyGetsTheMarginToo() {
    String rentalId = newRentalId();

    keys.register(rentalId, newMobilityId(), "2468", TWO_HOURS);

    KeySummary key = keys.find(rentalId).orElseThrow();
    assertThat(key.validUntil()).isEqualTo(key.issuedAt().plus(TWO_HOURS).plus(MARGIN));
  }
}
