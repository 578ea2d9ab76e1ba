package com.sharedmobility.payment.provider;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the simulated card provider.
 *
 * @param latency added to every provider call, to make demos and benchmarks feel like a real provider
 */
@ConfigurationProperties("payment.simulator")
public record SimulatorProperties(@DefaultValue("0s") Duration latency) {
}
