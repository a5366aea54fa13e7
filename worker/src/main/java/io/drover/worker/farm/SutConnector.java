package io.drover.worker.farm;

import io.drover.sut.SutAddress;
import io.drover.worker.sut.SshOptions;
import io.drover.worker.sut.SshTransport;
import io.drover.worker.sut.SutConnection;
import io.drover.worker.sut.SutException;
import io.drover.worker.sut.SutRequirements;

/** Opens the connection to a SUT the first time a job of it comes. */
@FunctionalInterface
public interface SutConnector {
    SutConnection open(SutAddress address) throws SutException;

    /** Over SSH with {@code options} ({@code local} without); a SUT that lacks the tools the runner needs is refused. */
    static SutConnector of(SshTransport transport, SshOptions options) {
        return address -> {
            SutConnection connection = transport.connect(address, options);
            try {
                SutRequirements.standard().check(connection);
                return connection;
            } catch (SutException e) {
                connection.close();
                throw e;
            }
        };
    }
}
