package com.sharedmobility.rental.readmodel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of a customer's rentals ended: the last row's creation time and id, the order of my page. The next
 * page starts after it through the index {@code rental_customer_created}, however deep it lies (no OFFSET). Opaque
 * to clients: base64url of {@code <epoch second>.<nanos>:<id>}.
 */
public record RentalCursor(Instant createdAt, String id) {

  private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\.(\\d{1,9}):([0-9a-fA-F-]{36})");

  public static RentalCursor after(RentalView last) {
    return new RentalCursor(last.createdAt(), last.id());
  }

  public String encode() {
    String plain = createdAt.getEpochSecond() + "." + createdAt.getNano() + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  /** Empty for anything this class did not write. */
  public static Optional<RentalCursor> decode(String text) {
    try {
      Matcher form = FORM.matcher(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII));
      if (!form.matches()) {
        return Optional.empty();
      }
      return Optional.of(new RentalCursor(Instant.ofEpochSecond(Long.parseLong(form.group(1)),
          Long.parseLong(form.group(2))), form.group(3)));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }
}
