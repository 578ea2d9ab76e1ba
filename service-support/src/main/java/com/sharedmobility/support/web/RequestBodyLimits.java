package com.sharedmobility.support.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body a service's API accepts ({@code service.api.*}).
 *
 * @param maxBodySize larger request bodies are refused with 413 before they are read
 * @param urlPatterns the servlet URL patterns the limit applies to (e.g. {@code /rentals/*}); paths that take large
 *     bodies by design, such as a deployment to engine REST, stay outside them
 */
@ConfigurationProperties(RequestBodyLimits.PREFIX)
public record RequestBodyLimits(@DefaultValue("16KB") DataSize maxBodySize,
                                @DefaultValue("/*") List<String> urlPatterns) {

  static final String PREFIX = "service.api";

  public RequestBodyLimits {
    if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(PREFIX + ".max-body-size must be between 1B and 2GB, not " + maxBodySize);
    }
    if (urlPatterns.isEmpty()) {
      throw new IllegalArgumentException(PREFIX + ".url-patterns must name at least one pattern");
    }
  }
}
