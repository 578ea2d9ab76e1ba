package com.sharedmobility.key.store;

import java.security.SecureRandom;
import org.springframework.stereotype.Component;

/** Unpredictable codes, since a code is all a vehicle asks before it unlocks. */
@Component
class SecureRandomKeyCodeGenerator implements KeyCodeGenerator {

  private final SecureRandom random = new SecureRandom();

  @Override
  public String nextCode() {
    return "%04d".formatted(random.nextInt(10_000));
  }
}
