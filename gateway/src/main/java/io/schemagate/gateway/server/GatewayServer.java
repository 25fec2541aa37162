package io.schemagate.gateway.server;

import io.netty.channel.EventLoopGroup;
import io.schemagate.config.GatewayConfig;
import io.schemagate.config.HostPort;
import io.schemagate.gateway.admin.AdminApi;
import io.schemagate.gateway.admin.AdminListener;
import io.schemagate.gateway.admin.Authenticator;
import io.schemagate.gateway.admin.HealthCheck;
import io.schemagate.gateway.metrics.ConnectionMetrics;
import io.schemagate.gateway.mysql.MySqlListener;
import io.schemagate.gateway.pg.PgListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Owns the event loops and the listeners of one gateway process. */
public final class GatewayServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewayConfig config;
    private final List<Listener> listeners = new ArrayList<>();
    private final Map<String, InetSocketAddress> bound = new LinkedHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private GatewayServices services;
    private volatile boolean stopping;

    public GatewayServer(GatewayConfig config) {
        this.config = config;
    }

    public synchronized void start() throws InterruptedException {
        services = GatewayServices.open(config, Clock.systemUTC());
        boss = Transports.newGroup(1);
        // Each client connection and its server connection share a loop. One loop per two cores: the
        // database server and its clients usually share the machine, and on 2 cores one loop gave
        // the most transactions and the least CPU per transaction (bench/pg-bench.sh).
        workers = Transports.newGroup(Integer.getInteger("schemagate.event.loops",
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2)));
        if (config.postgres().enabled()) {
            listeners.add(new PgListener(config.postgres(), services.gate(),
                    new ConnectionMetrics(services.metrics().registry(), "postgres")));
        }
        if (config.mysql().enabled()) {
            listeners.add(new MySqlListener(config.mysql(), services.gate(),
                    () -> services.policy().get().engine().policy().mysqlLocalInfile(),
                    new ConnectionMetrics(services.metrics().registry(), "mysql")));
        }
        if (config.admin().enabled()) {
            listeners.add(new AdminListener(HostPort.parse(config.admin().listen(), "admin.listen"), adminApi(), config.admin().tls()));
        }
        for (Listener l : listeners) {
            InetSocketAddress addr = l.start(boss, workers);
            bound.put(l.name(), addr);
            log.info("{} listener on {} ({})", l.name(), addr, Transports.name());
        }
    }

    private AdminApi adminApi() {
        HealthCheck auditWritable = new HealthCheck() {
            @Override
            public String name() {
                return "audit";
            }

            @Override
            public String problem() {
                return services.audit().writable() ? null : "the audit log " + config.audit().file() + " cannot be written";
            }
        };
        HealthCheck policyLoaded = new HealthCheck() {
            @Override
            public String name() {
                return "policy";
            }

            @Override
            public String problem() {
                return services.policy().problem();
            }
        };
        HealthCheck running = new HealthCheck() {
            @Override
            public String name() {
                return "gateway";
            }

            @Override
            public String problem() {
                // Load balancers take a stopping gateway out before its listeners are gone.
                return stopping ? "the gateway is stopping and no longer accepts connections" : null;
            }
        };
        List<HealthCheck> checks = new ArrayList<>(List.of(running, auditWritable, policyLoaded));
        if (config.postgres().enabled()) {
            checks.add(new UpstreamCheck("postgres upstream", config.postgres().upstreamAddress()));
        }
        if (config.mysql().enabled()) {
            checks.add(new UpstreamCheck("mysql upstream", config.mysql().upstreamAddress()));
        }
        Authenticator auth = new Authenticator(config.admin().identities(),
                name -> groupsOf(services.policy().get().engine().policy(), name));
        return new AdminApi(auth, services.approvals(), checks, services.metrics()::scrape, services.migrations(),
                config.state().store() == io.schemagate.config.StateConfig.Store.FILE ? java.nio.file.Path.of(config.audit().file()) : null);
    }

    /** The approver groups the policy file puts an identity in. */
    private static java.util.Set<String> groupsOf(io.schemagate.policy.rule.Policy policy, String identity) {
        java.util.Set<String> groups = new java.util.HashSet<>();
        policy.approverGroups().forEach((group, members) -> {
            if (members.contains(identity)) {
                groups.add(group);
            }
        });
        return groups;
    }

    public synchronized GatewayServices services() {
        return services;
    }

    /** Where each listener is bound, by name; useful when a test asked for port 0. */
    public synchronized Map<String, InetSocketAddress> boundAddresses() {
        return Map.copyOf(bound);
    }

    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops gracefully: stops accepting connections, gives open client connections up to
     * {@link #DRAIN} to finish and disconnect (a statement in progress completes), closes the rest,
     * then stops migrations at a batch boundary and writes {@code gateway_stopped} (see
     * {@link GatewayServices#close()}). The admin listener stays up until the end, so /health/ready
     * can be watched during the stop.
     */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        stopping = true;
        try {
            for (Listener l : listeners) {
                if (!l.name().equals("admin")) {
                    stop(l, Listener::stopAccepting);
                }
            }
            drain();
            for (Listener l : listeners) {
                stop(l, Listener::close);
            }
            if (workers != null) {
                workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            }
            if (boss != null) {
                boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            }
            if (services != null) {
                services.close();
            }
            log.info("gateway stopped");
        } catch (RuntimeException | Error e) {
            // Whatever failed, the process must still end: a stop that hangs is worse than one that
            // logs what it could not finish.
            log.error("stopping the gateway failed: {}", e.toString(), e);
            throw e;
        } finally {
            closed.countDown();
        }
    }

    /** How long a stop waits for clients to disconnect before closing their connections. */
    static final Duration DRAIN = Duration.ofSeconds(5);

    private void drain() {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        int open = openConnections();
        if (open > 0) {
            log.info("stopping: waiting up to {} s for {} client connection(s) to finish", DRAIN.toSeconds(), open);
        }
        while (open > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            open = openConnections();
        }
        if (open > 0) {
            log.info("stopping: closing {} client connection(s) still open", open);
        }
    }

    private int openConnections() {
        return listeners.stream().mapToInt(Listener::openConnections).sum();
    }

    private static void stop(Listener l, java.util.function.Consumer<Listener> how) {
        try {
            how.accept(l);
        } catch (RuntimeException e) {
            log.warn("stopping the {} listener failed: {}", l.name(), e.getMessage(), e);
        }
    }
}
