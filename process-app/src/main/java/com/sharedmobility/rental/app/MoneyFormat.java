package com.sharedmobility.rental.app;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Amounts as the page's language writes them in the rental's currency ({@code @money.of(amount, currency)} in the
 * templates): {@code €5.00} in English, {@code ₩5,000} for won, with the currency's own number of decimals.
 */
@Component("money")
public class MoneyFormat {

  public String of(BigDecimal amount, String currency) {
    return of(amount, currency, LocaleContextHolder.getLocale());
  }

  static String of(BigDecimal amount, String currency, Locale locale) {
    if (amount == null) {
      return "–";
    }
    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
    Currency money = Currency.getInstance(currency);
    format.setCurrency(money);
    format.setMinimumFractionDigits(money.getDefaultFractionDigits());
    format.setMaximumFractionDigits(money.getDefaultFractionDigits());
    return format.format(amount);
  }
}
