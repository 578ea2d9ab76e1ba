package com.sharedmobility.rental.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every English text of the app has its Korean twin, and no Korean text is left over or empty. */
class MessagesTest {

  @Test
  void everyEnglishKeyHasItsKoreanTwin() throws IOException {
    assertTwins("app/messages");
  }

  @Test
  void everyProblemOfTheApiHasItsKoreanTitleAndDetail() throws IOException {
    assertTwins("api/problems");
  }

  private static void assertTwins(String bundle) throws IOException {
    Properties english = load(bundle + ".properties");
    Properties korean = load(bundle + "_ko.properties");

    assertThat(korean.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
    assertThat(korean.stringPropertyNames()).allSatisfy(key -> assertThat(korean.getProperty(key)).as(key)
        .isNotBlank());
  }

  private static Properties load(String resource) throws IOException {
    Properties messages = new Properties();
    try (Reader in = new InputStreamReader(
        MessagesTest.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8)) {
      messages.load(in);
    }
    return messages;
  }
}
