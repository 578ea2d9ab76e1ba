package com.sharedmobility.support.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class CausesTest {

  @Test
  void findsAMatchAtAnyDepth() {
    Exception nested = new IllegalStateException("engine",
        new RuntimeException("persistence", new SQLTransientConnectionException("pool timeout")));

    assertThat(Causes.any(nested, SQLTransientConnectionException.class::isInstance)).isTrue();
    assertThat(Causes.any(nested, IllegalStateException.class::isInstance)).isTrue();
    assertThat(Causes.any(nested, IllegalArgumentException.class::isInstance)).isFalse();
  }

  @Test
  void noCauseIsNoMatch() {
    assertThat(Causes.any(null, e -> true)).isFalse();
    assertThat(Causes.any(new RuntimeException("alone"), IllegalStateException.class::isInstance)).isFalse();
  }
}
