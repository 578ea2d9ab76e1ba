package com.sharedmobility.key;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces time and chance, the two things a key test must control. */
@TestConfiguration(proxyBeanMethods = false)
public class KeyAdapterTestConfiguration {

  @Bean
  @Primary
  MutableClock testClock() {
    return new MutableClock();
  }

  @Bean
  @Primary
  ScriptedKeyCodeGenerator scriptedKeyCodes() {
    return new ScriptedKeyCodeGenerator();
  }
}
