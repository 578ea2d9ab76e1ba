package com.sharedmobility.rental.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sharedmobility.rental.RentalApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the local profile there is no default credential: without its secrets the service does not start. */
class MissingSecretsTest {

  @Test
  void refusesToStartWithoutItsSecretsAndNamesThem() {
    assertThatThrownBy(app()::run)
        .rootCause()
        .hasMessageContaining("PAYMENT_CLIENT_USERNAME")
        .hasMessageContaining("PAYMENT_CLIENT_PASSWORD")
        .hasMessageContaining("KEY_WORKER_USERNAME")
        .hasMessageContaining("KEY_WORKER_PASSWORD")
        .hasMessageContaining("RENTAL_OPERATOR_USERNAME")
        .hasMessageContaining("RENTAL_OPERATOR_PASSWORD");
  }

  @Test
  void refusesToStartWithoutTheIssuerOfCustomerTokens() {
    // command-line arguments: they outrank application.yml, as environment variables do
    assertThatThrownBy(() -> app().run(
        "--rental.payment.username=process-app", "--rental.payment.password=secret",
        "--rental.key-worker.username=keyworker", "--rental.key-worker.password=secret",
        "--rental.operator.username=monitor", "--rental.operator.password=secret"))
        .rootCause().hasMessageContaining("OAUTH2_ISSUER_URI");
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
