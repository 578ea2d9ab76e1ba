package com.sharedmobility.e2e;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The two-node stack, shared by the classes that carry this: settings as an operator would choose them for a
 * cluster: smaller connection pools (the nodes share the database's connections), a job lock of 10 s (a dead node's
 * jobs come back soon), idle job executors polling every 2 s, a rental hour of 10 s, and payment retries every 5 s
 * for two minutes and more, so that the retries outlast the payment service's restart even on a busy machine.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@StackSettings(name = "two-nodes", rentalHour = "PT10S", processAppNodes = 2,
    processApp = {"DB_POOL_SIZE=8", "RECONCILIATION_INTERVAL=PT5S", "RECONCILIATION_GRACE=PT10S",
        "PAYMENT_RETRY_MAX_ATTEMPTS=30", "PAYMENT_RETRY_MAX_DELAY=PT5S",
        "CAMUNDA_BPM_JOBEXECUTION_LOCKTIMEINMILLIS=10000", "CAMUNDA_BPM_JOBEXECUTION_MAXWAIT=2000"},
    keyAdapter = {"CAMUNDA_BPM_CLIENT_LOCKDURATION=5000"})
@interface TwoNodeStack {
}
