package com.sharedmobility.rental.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sharedmobility.rental.RentalApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the local profile there is no default credential: without its secrets the service does not start. */
class MissingSecretsTest {

  private static final String GENERATED = "k3Jx9QvT2mWzR7pLc8NfYb4H";

  @Test
  void refusesToStartWithoutItsSecretsAndNamesThem() {
    assertThatThrownBy(app()::run)
        .rootCause()
        .hasMessageContaining("PAYMENT_CLIENT_USERNAME")
        .hasMessageContaining("PAYMENT_CLIENT_PASSWORD")
        .hasMessageContaining("KEY_CLIENT_USERNAME")
        .hasMessageContaining("KEY_CLIENT_PASSWORD")
        .hasMessageContaining("KEY_WORKER_USERNAME")
        .hasMessageContaining("KEY_WORKER_PASSWORD")
        .hasMessageContaining("RENTAL_OPERATOR_USERNAME")
        .hasMessageContaining("RENTAL_OPERATOR_PASSWORD");
  }

  @Test
  void refusesToStartWithoutTheIssuerOfCustomerTokens() {
    // command-line arguments: they outrank application.yml, as environment variables do
    assertThatThrownBy(() -> app().run(
        "--rental.payment.username=process-app", "--rental.payment.password=" + GENERATED,
        "--rental.keys.username=process-app", "--rental.keys.password=" + GENERATED,
        "--rental.key-worker.username=keyworker", "--rental.key-worker.password=" + GENERATED,
        "--rental.operator.username=monitor", "--rental.operator.password=" + GENERATED))
        .rootCause().hasMessageContaining("OAUTH2_ISSUER_URI");
  }

  @Test
  void refusesToStartWithoutTheCustomerAppsClientAtTheIssuer() {
    assertThatThrownBy(() -> app().run(
        "--rental.security.issuer-uri=https://issuer.invalid",
        "--rental.payment.username=process-app", "--rental.payment.password=" + GENERATED,
        "--rental.keys.username=process-app", "--rental.keys.password=" + GENERATED,
        "--rental.key-worker.username=keyworker", "--rental.key-worker.password=" + GENERATED,
        "--rental.operator.username=monitor", "--rental.operator.password=" + GENERATED))
        .rootCause().hasMessageContaining("OAUTH2_CLIENT_ID");
  }

  /** The accounts' passwords are checked with a fast hash: only a generated secret is long enough to be safe. */
  @Test
  void refusesToStartWithASecretTooShortToBeGenerated() {
    assertThatThrownBy(() -> app().run(
        "--rental.security.issuer-uri=https://issuer.invalid", "--rental.app.client-id=customer-app",
        "--rental.payment.username=process-app", "--rental.payment.password=" + GENERATED,
        "--rental.keys.username=process-app", "--rental.keys.password=" + GENERATED,
        "--rental.key-worker.username=keyworker", "--rental.key-worker.password=keyworker-2026",
        "--rental.operator.username=monitor", "--rental.operator.password=" + GENERATED))
        .rootCause()
        .hasMessageContaining("KEY_WORKER_PASSWORD must be a generated secret of at least 24 characters")
        .hasMessageNotContaining("keyworker-2026");
  }

  private static SpringApplicationBuilder app() {
    return new SpringApplicationBuilder(RentalApplication.class)
        .properties(
            "spring.datasource.url=jdbc:h2:mem:missing-secrets;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa",
            "server.port=0",
            "camunda.bpm.job-execution.enabled=false");
  }
}
