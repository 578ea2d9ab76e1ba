package com.sharedmobility.key.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker talks to engine REST beyond what {@code camunda.bpm.client.*} covers: optional basic auth
 * ({@code ENGINE_REST_USERNAME}/{@code ENGINE_REST_PASSWORD}) and the wait between fetches while the engine is down.
 */
@ConfigurationProperties("key.engine-rest")
public record EngineClientProperties(
    String username,
    String password,
    @DefaultValue("PT2S") Duration outageFirstWait,
    @DefaultValue("PT1M") Duration outageMaxWait) {
}
