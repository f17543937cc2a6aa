package heaptriage.analysis;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which classes are the application's own: everything but the JDK, language runtimes and well-known libraries. */
class ApplicationCodeTest {
    @ParameterizedTest
    @ValueSource(strings = {"com.acme.catalog.ProductCache", "com.acme.catalog.Product[]", "com.acme.Outer$Inner",
            "com.acme.Handler$$Lambda/0x0000000800c01234", "Main", "heaptriage.samples.ScenarioMain", "org.acme.Service"})
    void applicationClasses(String name) {
        assertTrue(ApplicationCode.isApplication(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.util.HashMap", "java.util.HashMap$Node[]", "jdk.internal.loader.ClassLoaders$AppClassLoader",
            "sun.nio.ch.SocketChannelImpl", "com.sun.net.httpserver.HttpServer", "javax.sql.DataSource", "byte[]", "int[][]",
            "org.h2.jdbc.JdbcConnection", "com.zaxxer.hikari.pool.HikariPool", "org.apache.tomcat.jdbc.pool.ConnectionPool",
            "org.springframework.beans.factory.support.DefaultListableBeanFactory", "com.fasterxml.jackson.databind.ObjectMapper",
            "kotlin.collections.ArrayList", "io.netty.channel.nio.NioEventLoop", "com.google.common.collect.ImmutableMap"})
    void platformAndLibraryClasses(String name) {
        assertFalse(ApplicationCode.isApplication(name), name);
    }
}
