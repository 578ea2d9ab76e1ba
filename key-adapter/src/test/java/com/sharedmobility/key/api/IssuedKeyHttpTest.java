package com.sharedmobility.key.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.key.KeyApiClient;
import com.sharedmobility.key.PostgresBackedTest;
import com.sharedmobility.key.store.KeyService;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The key API over HTTP with one freshly issued key per test: its rental, vehicle and code. */
abstract class IssuedKeyHttpTest extends PostgresBackedTest {

  @LocalServerPort
  protected int port;
  @Autowired
  protected KeyService keys;
  @Autowired
  protected ObjectMapper json;

  protected KeyApiClient api;
  protected String rentalId;
  protected String mobilityId;
  protected String code;

  /** How long the key of each test stays valid. */
  protected abstract Duration keyValidity();

  @BeforeEach
  void issueAKey() {
    api = new KeyApiClient(port);
    rentalId = newRentalId();
    mobilityId = newMobilityId();
    code = keys.issue(rentalId, mobilityId, keyValidity());
  }
}
