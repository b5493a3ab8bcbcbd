package io.pgcarry.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.EndpointSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultJobsTest {
    private static ConnectionSpec at(String url) {
        return new ConnectionResolver(Map.of(), null).resolve(new EndpointSource.Url(url));
    }

    @Test
    void serversOnThisMachineGetOneWorkerPerCore() {
        DefaultJobs jobs = DefaultJobs.forServers(List.of(at("postgresql://a@127.0.0.1:5432/x"), at("postgresql://a@localhost/y")), 2);
        assertThat(jobs.jobs()).isEqualTo(2);
        assertThat(jobs.reason()).isEqualTo("the servers run on this machine, which has 2 cores");
        assertThat(DefaultJobs.forServers(List.of(at("postgresql://a@[::1]/x")), 64).jobs()).isEqualTo(8);
        assertThat(DefaultJobs.forServers(List.of(at("postgresql://a@127.0.0.1/x")), 1).reason()).endsWith("1 core");
    }

    @Test
    void aRemoteServerGetsTheModerateDefault() {
        DefaultJobs jobs = DefaultJobs.forServers(List.of(at("postgresql://a@127.0.0.1/x"), at("postgresql://a@db.example.com/y")), 2);
        assertThat(jobs.jobs()).isEqualTo(DefaultJobs.REMOTE);
        assertThat(jobs.reason()).contains("other machines");
    }
}
