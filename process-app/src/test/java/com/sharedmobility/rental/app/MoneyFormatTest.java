package com.sharedmobility.rental.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Amounts in the page's language and the rental's currency, with the currency's own decimals. */
class MoneyFormatTest {

  @Test
  void eachLanguageWritesTheRentalsCurrencyItsWay() {
    assertThat(MoneyFormat.of(new BigDecimal("5.00"), "EUR", Locale.ENGLISH)).isEqualTo("€5.00");
    assertThat(MoneyFormat.of(new BigDecimal("1234.5"), "EUR", Locale.ENGLISH)).isEqualTo("€1,234.50");
    assertThat(MoneyFormat.of(new BigDecimal("5.00"), "EUR", Locale.KOREAN)).isEqualTo("€5.00");
    assertThat(MoneyFormat.of(new BigDecimal("5000"), "KRW", Locale.KOREAN)).isEqualTo("₩5,000");
    assertThat(MoneyFormat.of(new BigDecimal("12.30"), "USD", Locale.ENGLISH)).isEqualTo("$12.30");
  }

  @Test
  void noAmountIsADash() {
    assertThat(MoneyFormat.of(null, "EUR", Locale.ENGLISH)).isEqualTo("–");
  }
}
