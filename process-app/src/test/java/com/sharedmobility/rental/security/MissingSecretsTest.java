package com.sharedmobility.rental.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sharedmobility.rental.RentalApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the local profile there is no default credential: without its secrets the service does not start. */
class MissingSecretsTest {

  @Test
  void refusesToStartWithoutItsSecretsAndNamesThem() {
    SpringApplicationBuilder withoutSecrets = new SpringApplicationBuilder(RentalApplication.class)
        .properties(
            "spring.datasource.url=jdbc:h2:mem:missing-secrets;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa",
            "server.port=0",
            "camunda.bpm.job-execution.enabled=false");

    assertThatThrownBy(withoutSecrets::run)
        .rootCause()
        .hasMessageContaining("PAYMENT_CLIENT_USERNAME")
        .hasMessageContaining("PAYMENT_CLIENT_PASSWORD")
        .hasMessageContaining("KEY_WORKER_USERNAME")
        .hasMessageContaining("KEY_WORKER_PASSWORD");
  }
}
