package com.sharedmobility.key;

import com.sharedmobility.testsupport.PostgresTestDatabase;
import com.sharedmobility.testsupport.PostgresTestDatabase.Database;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on a real PostgreSQL database (one per test run, shared by one cached context), with API accounts
 * from the settings a deployment would set, and a worker that never polls: no engine runs here. Tests keep apart
 * by using fresh rental and vehicle ids.
 */
// metrics and tracing as in production: Spring Boot's tests switch the Prometheus registry and tracing off otherwise
@AutoConfigureObservability
// no validity margin: a key expires exactly at its validity, so tests step the clock to that edge
// (KeyValidityMarginTest covers the margin)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.client.disable-auto-fetching=true",
    "key.validity-margin=PT0S",
    // tasks run on the caller's thread, so a test sees the outcome when execute returns (ParallelTaskRunnerTest
    // covers the worker threads)
    "key.worker.parallelism=1",
    "KEYS_VEHICLE_USERNAME=" + PostgresBackedTest.VEHICLE_USER,
    "KEYS_VEHICLE_PASSWORD=" + PostgresBackedTest.VEHICLE_PASSWORD,
    "KEY_CLIENT_USERNAME=" + PostgresBackedTest.PROCESS_USER,
    "KEY_CLIENT_PASSWORD=" + PostgresBackedTest.PROCESS_PASSWORD,
    "KEYS_OPERATOR_USERNAME=" + PostgresBackedTest.OPERATOR_USER,
    "KEYS_OPERATOR_PASSWORD=" + PostgresBackedTest.OPERATOR_PASSWORD})
@Import(KeyAdapterTestConfiguration.class)
public abstract class PostgresBackedTest {

  protected static final String VEHICLE_USER = "bike-unit";
  protected static final String VEHICLE_PASSWORD = "vehicle-secret-of-24-chars";
  protected static final String PROCESS_USER = "rental-process";
  protected static final String PROCESS_PASSWORD = "process-secret-of-24-chars";
  protected static final String OPERATOR_USER = "operator";
  protected static final String OPERATOR_PASSWORD = "operator-secret-of-24-chars";

  private static final Database DATABASE = PostgresTestDatabase.create("keys");

  @Autowired
  protected MutableClock clock;
  @Autowired
  protected ScriptedKeyCodeGenerator codes;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    DATABASE.springDatasource().forEach((name, value) -> registry.add(name, () -> value));
  }

  @BeforeEach
  void resetCodes() {
    codes.reset();
  }

  protected static String newRentalId() {
    return UUID.randomUUID().toString();
  }

  protected static String newMobilityId() {
    return "bike-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
