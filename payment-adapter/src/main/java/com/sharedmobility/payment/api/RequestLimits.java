package com.sharedmobility.payment.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of what a request may carry.
 *
 * @param maxBodySize larger request bodies are refused with 413 before they are read; a charge needs a few hundred
 *     bytes
 */
@ConfigurationProperties("payment.api")
public record RequestLimits(@DefaultValue("16KB") DataSize maxBodySize) {

  public RequestLimits {
    if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("payment.api.max-body-size must be between 1B and 2GB, not " + maxBodySize);
    }
  }
}
