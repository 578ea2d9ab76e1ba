package com.sharedmobility.support.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

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
  void aDatabaseThatRestartsOrRefusesConnectionsIsUnreachableAnyOtherSqlFailureIsNot() {
    assertThat(Causes.databaseUnreachable(new IllegalStateException("engine",
        new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
    assertThat(Causes.databaseUnreachable(new RuntimeException(
        new SQLException("An I/O error occurred while sending to the backend", "08006")))).isTrue();
    assertThat(Causes.databaseUnreachable(new SQLException("the database system is starting up", "57P03")))
        .isTrue();
    assertThat(Causes.databaseUnreachable(new SQLException("duplicate key value", "23505"))).isFalse();
    assertThat(Causes.databaseUnreachable(new SQLTransientConnectionException("pool timeout"))).isFalse();
    assertThat(DatabaseUnavailable.isCauseOf(new SQLTransientConnectionException("pool timeout"))).isTrue();
  }

  @Test
  void aRollbackThatFailedOnTheClosedConnectionStillTellsTheDatabaseWasAway() {
    TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
        new SQLException("Connection is closed"));
    rollback.initApplicationException(new IllegalStateException("engine",
        new SQLException("An I/O error occurred while sending to the backend", "08006")));

    assertThat(Causes.databaseUnreachable(new RuntimeException(rollback))).isTrue();
    assertThat(Causes.databaseUnreachable(new TransactionSystemException("JDBC rollback failed",
        new SQLException("Connection is closed")))).isFalse();
  }

  @Test
  void aDatabaseThatCannotBeReachedIsA503WithItsWait() {
    var answer = DatabaseUnavailable.answer("nothing was booked");

    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
    assertThat(answer.getBody().getDetail()).isEqualTo("nothing was booked");
  }

  @Test
  void noCauseIsNoMatch() {
    assertThat(Causes.any(null, e -> true)).isFalse();
    assertThat(Causes.any(new RuntimeException("alone"), IllegalStateException.class::isInstance)).isFalse();
  }
}
