package com.sharedmobility.e2e;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class (or a base class of test classes) that needs a stack configured otherwise than the shared default
 * one. Classes with equal settings share one stack; {@link RentalStackExtension} stops the running stack before it
 * starts one with other settings, so at most three service JVMs run at a time. Give such classes a higher
 * {@code @Order} than the classes on the default stack, so that each stack starts once per run.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StackSettings {

  /** Names the stack; its logs go to {@code <e2e.logDir>/<name>/}. */
  String name();

  /** {@code RENTAL_HOUR} of process-app (ISO-8601); empty for the default stack's. */
  String rentalHour() default "";

  /**
   * How many process-app nodes share process-app's database, the way Camunda 7 clusters; key-adapter talks to the
   * last one, the customer clients to the first one that is alive.
   */
  int processAppNodes() default 1;

  /** How many key-adapter replicas share key-adapter's database; the first is named key-adapter, then key-adapter-2. */
  int keyAdapterReplicas() default 1;

  /**
   * Whether a {@link LoadBalancer} (HAProxy) stands in front of process-app's nodes and key-adapter's replicas:
   * customers, key-adapter's workers and process-app's key client then go through it, as in a cluster.
   */
  boolean loadBalancer() default false;

  /**
   * Whether each service gets a PostgreSQL server of its own ({@link DatabaseServer}) instead of a database on the
   * shared test server, so that a test can restart one service's database.
   */
  boolean ownDatabaseServers() default false;

  /** The Spring profile of all three services: {@code local} (HTTP Basic, seeded users) or, e.g., {@code production}. */
  String profile() default "local";

  /**
   * Extra environment variables of process-app, {@code "NAME=value"}; {@code ${name}} in a value is the system
   * property of that name when the stack starts (e.g. the URL of a test issuer started just before).
   */
  String[] processApp() default {};

  /** Extra environment variables of payment-adapter, {@code "NAME=value"}. */
  String[] paymentAdapter() default {};

  /** Extra environment variables of key-adapter, {@code "NAME=value"}. */
  String[] keyAdapter() default {};
}
