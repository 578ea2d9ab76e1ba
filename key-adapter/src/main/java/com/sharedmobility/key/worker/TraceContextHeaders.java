package com.sharedmobility.key.worker;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.camunda.bpm.client.interceptor.ClientRequestContext;
import org.camunda.bpm.client.interceptor.ClientRequestInterceptor;

/**
 * Sends the current trace context (W3C {@code traceparent}) with the engine client's requests, so that a key task's
 * complete shows in the same trace in process-app. The client's own HTTP requests are not observed; fetches run
 * outside any task and carry nothing.
 */
class TraceContextHeaders implements ClientRequestInterceptor {

  private final Tracer tracer;
  private final Propagator propagator;

  TraceContextHeaders(Tracer tracer, Propagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  @Override
  public void intercept(ClientRequestContext request) {
    Span span = tracer.currentSpan();
    if (span != null) {
      propagator.inject(span.context(), request, ClientRequestContext::addHeader);
    }
  }
}
