package org.ftgan.workflows;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

/**
 * A client of a Temporal frontend (host:port) in one namespace, with the platform's data converter
 * ({@link PlatformDataConverter}; a worker built on this client uses it too).
 */
public final class TemporalConnection implements AutoCloseable {
    private final WorkflowServiceStubs service;
    private final WorkflowClient client;

    private TemporalConnection(WorkflowServiceStubs service, WorkflowClient client) {
        this.service = service;
        this.client = client;
    }

    public static TemporalConnection connect(String target, String namespace, String identity) {
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        WorkflowClientOptions.Builder options = WorkflowClientOptions.newBuilder().setNamespace(namespace)
                .setDataConverter(PlatformDataConverter.INSTANCE);
        if (identity != null) {
            options.setIdentity(identity);
        }
        return new TemporalConnection(service, WorkflowClient.newInstance(service, options.build()));
    }

    /** A client over an existing channel (an in-process server's); closing it leaves the channel open. */
    public static TemporalConnection over(io.grpc.ManagedChannel channel, String namespace, String identity) {
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setChannel(channel).build());
        WorkflowClientOptions.Builder options = WorkflowClientOptions.newBuilder().setNamespace(namespace)
                .setDataConverter(PlatformDataConverter.INSTANCE);
        if (identity != null) {
            options.setIdentity(identity);
        }
        return new TemporalConnection(service, WorkflowClient.newInstance(service, options.build()));
    }

    public WorkflowClient client() {
        return client;
    }

    public WorkflowServiceStubs service() {
        return service;
    }

    @Override
    public void close() {
        service.shutdown();
        service.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    }
}
