package com.sharedmobility.rental.security;

import com.sharedmobility.rental.config.RentalProperties;
import com.sharedmobility.rental.usecase.KeyWorkerActivity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * Engine REST requires a Camunda user (HTTP Basic against Camunda's identity service); with authorization checks
 * on, each call may do only what that user is granted. Customers are no Camunda users, so they get nothing here.
 *
 * <p>The key worker is the exception: it may only fetch, lock and finish external tasks (KeyWorkerCalls), and those
 * calls run without a Camunda authentication, so without authorization checks. With them, every fetch joined all
 * open tasks to the authorization table before its LIMIT, and the key pipeline's cost grew with its backlog
 * (docs/benchmarks.md); each call also cost three identity queries. What the checks gave, a worker confined to the
 * rental process, holds here because the rental process is the only one this engine runs.
 */
@Configuration
public class EngineRestAuthentication {

  static final String ROOT = "/engine-rest";

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter(
      RentalProperties properties, KeyWorkerActivity activity) {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new Filter(new KeyWorkerCalls(properties.keyWorker()), activity));
    registration.setName("camunda-engine-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns(ROOT + "/*");
    return registration;
  }

  /** Camunda's authentication for everyone but the key worker. */
  static final class Filter extends ProcessEngineAuthenticationFilter {

    private final KeyWorkerCalls keyWorker;
    private final KeyWorkerActivity activity;

    Filter(KeyWorkerCalls keyWorker, KeyWorkerActivity activity) {
      this.keyWorker = keyWorker;
      this.activity = activity;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest http = (HttpServletRequest) request;
      HttpServletResponse answer = (HttpServletResponse) response;
      switch (keyWorker.identify(http.getHeader(HttpHeaders.AUTHORIZATION))) {
        case SOMEONE_ELSE -> super.doFilter(request, response, chain);
        case WRONG_PASSWORD -> {
          answer.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"default\"");
          answer.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        }
        case KEY_WORKER -> {
          // servlet path and path info are decoded and normalised: no way around the rule with ".." or encodings
          if (ROOT.equals(http.getServletPath()) && keyWorker.allows(http.getMethod(), http.getPathInfo())) {
            chain.doFilter(request, response);
            if (KeyWorkerCalls.isCompletion(http.getPathInfo()) && answer.getStatus() < 300) {
              activity.completed();
            }
          } else {
            answer.setStatus(HttpServletResponse.SC_FORBIDDEN);
          }
        }
      }
    }
  }
}
