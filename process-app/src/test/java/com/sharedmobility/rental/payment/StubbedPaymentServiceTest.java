package com.sharedmobility.rental.payment;

import com.sharedmobility.rental.payment.PaymentClient.ChargeRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.math.BigDecimal;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The payment client, its error translation and its resilience as configured, against a real HTTP server standing
 * in for payment-adapter; each test class sets the timeouts and limits it needs on its {@code @SpringBootTest}.
 */
@ActiveProfiles("local")
abstract class StubbedPaymentServiceTest {

  static final ChargeRequest REQUEST = new ChargeRequest(new BigDecimal("5.00"), "EUR", "pm_card_visa", "alice");

  @RegisterExtension
  static final StubPaymentServer STUB = new StubPaymentServer();

  @Autowired
  PaymentAdapter payments;
  @Autowired
  CircuitBreakerRegistry breakers;

  @DynamicPropertySource
  static void paymentUrl(DynamicPropertyRegistry registry) {
    registry.add("rental.payment.url", STUB::url);
  }
}
