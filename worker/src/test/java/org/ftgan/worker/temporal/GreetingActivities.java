package org.ftgan.worker.temporal;

import io.temporal.activity.ActivityInterface;

/** The activity {@link GreetingWorkflow} calls. */
@ActivityInterface
public interface GreetingActivities {

    String compose(String greeting, String name);
}
