package com.sharedmobility.key.worker;

import com.sharedmobility.key.config.RequiredKeySettings;
import com.sharedmobility.support.settings.MissingSettingsException;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.List;
import org.camunda.bpm.client.backoff.BackoffStrategy;
import org.camunda.bpm.client.interceptor.ClientRequestInterceptor;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Beans the external task client picks up: its backoff, the trace context and, when credentials are set, basic auth. */
@Configuration(proxyBeanMethods = false)
class EngineClientConfiguration {

  @Bean
  BackoffStrategy engineOutageBackoff(@Value("${camunda.bpm.client.base-url}") String engineUrl,
      EngineClientProperties properties) {
    return new EngineOutageBackoff(engineUrl, properties.outageFirstWait(), properties.outageMaxWait());
  }

  /** With tracing switched off (MANAGEMENT_TRACING_ENABLED=false) there is no propagator: nothing is sent. */
  @Bean
  ClientRequestInterceptor traceContextHeaders(Tracer tracer, ObjectProvider<Propagator> propagator) {
    return new TraceContextHeaders(tracer, propagator.getIfAvailable(() -> Propagator.NOOP));
  }

  /** The starter's own basic-auth properties reject blank values, so an unset variable could not stay unset. */
  @Bean
  @Conditional(CredentialsConfigured.class)
  ClientRequestInterceptor engineRestBasicAuth(EngineClientProperties properties) {
    if (properties.password() == null || properties.password().isBlank()) {
      throw new MissingSettingsException(RequiredKeySettings.SERVICE, List.of("ENGINE_REST_PASSWORD"));
    }
    return new BasicAuthProvider(properties.username(), properties.password());
  }

  static class CredentialsConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String username = context.getEnvironment().getProperty("key.engine-rest.username");
      return username != null && !username.isBlank();
    }
  }
}
