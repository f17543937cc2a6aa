package heaptriage.analysis;

import java.util.List;

/**
 * What counts as the application's own code: the classes a developer of the service can change. Everything else is
 * the platform or a library, whose objects a report goes through to reach the application field that holds them.
 *
 * <p>Not application code: the JDK ({@code java.}, {@code javax.}, {@code jdk.}, {@code sun.}, {@code com.sun.},
 * and the JVM's own {@code jdk.proxy}/{@code jdk.internal} classes), language runtimes (Kotlin, Scala, Groovy), and
 * the libraries, frameworks and drivers a service commonly embeds: JDBC drivers and pools (H2, PostgreSQL, MySQL,
 * MariaDB, Oracle, SQL Server, Derby, HSQLDB, SQLite, HikariCP, DBCP, c3p0, Agroal, Vibur), servers and networking
 * (Tomcat, Jetty, Netty, Undertow, Apache HttpComponents, OkHttp), Spring, Hibernate, Jackson, Guava, logging
 * (SLF4J, Logback, Log4j), collections libraries, metrics, and the clients of Redis, MongoDB, RabbitMQ and Kafka.
 * An array counts as its element class. Everything else, including unnamed packages, is application code.
 */
public final class ApplicationCode {
    private static final List<String> NOT_APPLICATION = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.", "kotlin.", "kotlinx.", "scala.", "groovy.",
            "org.codehaus.groovy.", "org.h2.", "org.postgresql.", "com.mysql.", "org.mariadb.", "oracle.", "com.microsoft.sqlserver.",
            "org.apache.", "org.hsqldb.", "org.sqlite.", "com.zaxxer.hikari.", "com.mchange.", "io.agroal.", "org.vibur.",
            "org.eclipse.jetty.", "io.netty.", "io.undertow.", "org.xnio.", "okhttp3.", "okio.", "org.springframework.",
            "org.hibernate.", "com.fasterxml.jackson.", "com.google.common.", "com.google.gson.", "com.google.protobuf.",
            "org.slf4j.", "ch.qos.logback.", "it.unimi.dsi.fastutil.", "org.eclipse.collections.", "io.micrometer.",
            "reactor.", "io.reactivex.", "redis.clients.", "io.lettuce.", "com.mongodb.", "org.bson.", "com.rabbitmq.",
            "org.jboss.", "com.github.benmanes.caffeine.", "net.sf.ehcache.", "org.ehcache.", "org.yaml.", "org.junit.",
            "org.objectweb.asm.", "net.bytebuddy.", "org.aspectj.", "io.opentelemetry.", "io.grpc.");

    private ApplicationCode() {
    }

    /** Whether the class (as the dump names it: {@code com.acme.Foo}, {@code com.acme.Foo[]}) is application code. */
    public static boolean isApplication(String className) {
        String name = className;
        while (name.endsWith("[]")) {
            name = name.substring(0, name.length() - 2);
        }
        if (name.indexOf('.') < 0) {
            return !isPrimitive(name);
        }
        for (String prefix : NOT_APPLICATION) {
            if (name.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrimitive(String name) {
        return switch (name) {
            case "boolean", "byte", "char", "short", "int", "long", "float", "double" -> true;
            default -> false;
        };
    }
}
