package com.sharedmobility.rental.payment;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One log line per state transition of the payment circuit breaker: when applications start to be answered
 * PAYMENT_PENDING without a call to the payment service (WARN, with the rates that opened it), and when it is tried
 * and trusted again (INFO).
 */
@Component
class PaymentBreakerTransitionLog {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentBreakerTransitionLog.class);

  PaymentBreakerTransitionLog(CircuitBreakerRegistry breakers) {
    CircuitBreaker breaker = breakers.circuitBreaker(PaymentAdapter.BREAKER);
    breaker.getEventPublisher().onStateTransition(event -> log(event, breaker.getMetrics()));
  }

  private static void log(CircuitBreakerOnStateTransitionEvent event, CircuitBreaker.Metrics metrics) {
    CircuitBreaker.State from = event.getStateTransition().getFromState();
    CircuitBreaker.State to = event.getStateTransition().getToState();
    if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
      LOG.warn("circuit breaker '{}': {} -> {}, calls fail at once (failure rate {} %, slow-call rate {} % of the"
          + " last {} calls)", event.getCircuitBreakerName(), from, to, metrics.getFailureRate(),
          metrics.getSlowCallRate(), metrics.getNumberOfBufferedCalls());
    } else {
      LOG.info("circuit breaker '{}': {} -> {}", event.getCircuitBreakerName(), from, to);
    }
  }
}
