package com.sharedmobility.key;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The key service: external task worker for the key topics, owner of the key store, verifier of keys. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KeyAdapterApplication {

  public static void main(String[] args) {
    SpringApplication.run(KeyAdapterApplication.class, args);
  }
}
