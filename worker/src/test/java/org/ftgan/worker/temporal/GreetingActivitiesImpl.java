package org.ftgan.worker.temporal;

/** Joins greeting and name; runs in the worker, so its result proves an activity task was executed. */
public final class GreetingActivitiesImpl implements GreetingActivities {

    @Override
    public String compose(String greeting, String name) {
        return greeting + ", " + name + "!";
    }
}
