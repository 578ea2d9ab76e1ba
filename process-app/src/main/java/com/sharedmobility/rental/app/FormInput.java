package com.sharedmobility.rental.app;

import java.util.OptionalInt;

/** What a customer typed, read leniently: a wrong value is told on the page, never an error page. */
final class FormInput {

  private FormInput() {
  }

  /** A whole number of at least {@code min}, or empty. */
  static OptionalInt wholeNumber(String text, int min) {
    if (text == null || !text.strip().matches("\\d{1,6}")) {
      return OptionalInt.empty();
    }
    int value = Integer.parseInt(text.strip());
    return value >= min ? OptionalInt.of(value) : OptionalInt.empty();
  }
}
