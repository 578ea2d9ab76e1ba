package com.sharedmobility.e2e;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;

/**
 * The stack of the money tests, shared by the classes that carry this: a reconciliation round every
 * {@link #INTERVAL}, counting charges older than {@link #GRACE}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@StackSettings(name = "reconciliation", processApp = {"RECONCILIATION_INTERVAL=PT5S", "RECONCILIATION_GRACE=PT45S"})
@interface ReconciliationStack {

  Duration GRACE = Duration.ofSeconds(45);
  Duration INTERVAL = Duration.ofSeconds(5);
}
