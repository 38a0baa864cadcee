package be.petition.service;

import be.petition.registry.client.RegistryClientException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What happens when the topology throws on a record. Bad input never gets here: the ledger sends it to the rejected
 * topic. An unexpected exception (a bug met by one record) would otherwise stop the stream thread and be retried
 * forever, so the record goes to the dead-letter topic with the exception in its headers (Kafka Streams' own
 * handler, KIP-1034) and counting goes on. A Schema Registry that cannot be reached is not the record's fault: that
 * fails, so the record is read again once the registry is back and is never dropped.
 */
public final class PoisonRecordHandler extends LogAndContinueProcessingExceptionHandler {
    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (registryUnavailable(exception)) {
            return Response.fail();
        }
        return super.handleError(context, record, exception);
    }

    static boolean registryUnavailable(Throwable error) {
        RegistryClientException registryError = RegistryClientException.in(error);
        return registryError != null && !registryError.isAboutTheSchema();
    }
}
