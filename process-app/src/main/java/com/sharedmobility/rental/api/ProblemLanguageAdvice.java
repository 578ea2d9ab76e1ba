package com.sharedmobility.rental.api;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/** Every problem the customer API's controllers and their exception handler answer, in the request's language. */
@RestControllerAdvice(basePackageClasses = ProblemLanguageAdvice.class)
public class ProblemLanguageAdvice implements ResponseBodyAdvice<Object> {

  private final ProblemLanguage language;

  public ProblemLanguageAdvice(ProblemLanguage language) {
    this.language = language;
  }

  @Override
  public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
      Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
      ServerHttpResponse response) {
    if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet) {
      return language.translate(problem, servlet.getServletRequest());
    }
    return body;
  }
}
