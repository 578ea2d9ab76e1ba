package com.sharedmobility.key.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.client.exception.ExternalTaskClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class EngineOutageBackoffTest {

  private static final ExternalTaskClientException REFUSED = new ExternalTaskClientException("Connection refused");

  private final EngineOutageBackoff backoff =
      new EngineOutageBackoff("http://engine/engine-rest", Duration.ofSeconds(2), Duration.ofSeconds(5));

  @Test
  void doesNotWaitWhileTheEngineAnswers() {
    backoff.reconfigure(List.of(), null);

    assertThat(backoff.calculateBackoffTime()).isZero();
  }

  @Test
  void waitsLongerDuringAnOutageUpToTheLimitAndWarnsOnce(CapturedOutput output) {
    backoff.reconfigure(List.of(), REFUSED);
    assertThat(backoff.calculateBackoffTime()).isEqualTo(2_000);
    backoff.reconfigure(List.of(), REFUSED);
    assertThat(backoff.calculateBackoffTime()).isEqualTo(4_000);
    backoff.reconfigure(List.of(), REFUSED);
    assertThat(backoff.calculateBackoffTime()).isEqualTo(5_000);

    assertThat(output.getOut().lines().filter(line -> line.contains("cannot fetch key tasks"))).hasSize(1);
  }

  @Test
  void fetchesAtOnceWhenTheEngineIsBack(CapturedOutput output) {
    backoff.reconfigure(List.of(), REFUSED);
    backoff.reconfigure(List.of(), null);

    assertThat(backoff.calculateBackoffTime()).isZero();
    assertThat(output).contains("answers again");
  }
}
