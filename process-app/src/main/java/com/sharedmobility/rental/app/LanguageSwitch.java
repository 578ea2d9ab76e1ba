package com.sharedmobility.rental.app;

import com.sharedmobility.rental.config.Languages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The app speaks English and Korean: the browser's {@code Accept-Language} picks one, the switch in the header
 * ({@code ?lang=ko}, {@code ?lang=en}) overrides it, and a cookie keeps the choice.
 */
@Configuration(proxyBeanMethods = false)
class LanguageSwitch implements WebMvcConfigurer {

  static final String PARAMETER = "lang";
  private static final Duration KEPT = Duration.ofDays(365);

  /** The name Spring MVC looks the resolver up by. */
  @Bean
  LocaleResolver localeResolver(@Value("${server.servlet.session.cookie.secure:true}") boolean secureCookie) {
    CookieLocaleResolver resolver = new CookieLocaleResolver(PARAMETER);
    resolver.setCookieMaxAge(KEPT);
    resolver.setCookieSecure(secureCookie);
    resolver.setCookieHttpOnly(true);
    resolver.setCookieSameSite("Lax");
    resolver.setDefaultLocaleFunction(Languages::preferred);
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new HandlerInterceptor() {
      @Override
      public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String chosen = request.getParameter(PARAMETER);
        Languages.SPOKEN.stream().filter(language -> language.getLanguage().equals(chosen)).findFirst().ifPresent(
            language -> RequestContextUtils.getLocaleResolver(request).setLocale(request, response, language));
        return true;
      }
    }).addPathPatterns("/", "/app/**");
  }

}
