package heaptriage.analysis.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Passwords in connection URLs and secret-named facts never reach a report unless asked for. */
class RedactorTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mongodb://app:s3cr3t@db1:27017,db2:27017/orders | mongodb://app:***@db1:27017,db2:27017/orders",
        "redis://:s3cr3t@cache:6379/0 | redis://:***@cache:6379/0",
        "amqp://guest:guest@rabbit:5672/vhost | amqp://guest:***@rabbit:5672/vhost",
        "jdbc:mysql://u:p%40ss@db:3306/shop?useSSL=false | jdbc:mysql://u:***@db:3306/shop?useSSL=false",
        "jdbc:postgresql://db/shop?user=app&password=s3cr3t&ssl=true | jdbc:postgresql://db/shop?user=app&password=***&ssl=true",
        "jdbc:postgresql://db/shop?password=s3cr3t | jdbc:postgresql://db/shop?password=***",
        "jdbc:sqlserver://db:1433;databaseName=shop;user=sa;password=S3cr3t!;encrypt=true | jdbc:sqlserver://db:1433;databaseName=shop;user=sa;password=***;encrypt=true",
        "jdbc:sqlserver://db;password={a;b};user=sa | jdbc:sqlserver://db;password=***;user=sa",
        "jdbc:h2:tcp://localhost/~/shop;USER=sa;PASSWORD=s3cr3t;CIPHER=AES | jdbc:h2:tcp://localhost/~/shop;USER=sa;PASSWORD=***;CIPHER=AES",
        "jdbc:h2:file:/data/shop;FILE_PASSWORD=k3y | jdbc:h2:file:/data/shop;FILE_PASSWORD=***",
        "jdbc:oracle:thin:scott/tiger@//dbhost:1521/ORCL | jdbc:oracle:thin:scott/***@//dbhost:1521/ORCL",
        "jdbc:mysql://db/shop?sslKeyStorePassword=k&accessToken=t | jdbc:mysql://db/shop?sslKeyStorePassword=***&accessToken=***",
        "password=s3cr3t;user=sa | password=***;user=sa",
    })
    void passwordsInsideUrlsAreMasked(String url, String expected) {
        assertEquals(expected, Redactor.redactText(url));
        assertFalse(Redactor.redactText(url).contains("s3cr3t"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "jdbc:h2:mem:billing;DB_CLOSE_DELAY=-1",
        "jdbc:postgresql://db:5432/shop?ssl=true&user=app",
        "http://feed.example.com:8080/prices?symbol=ACME",
        "localhost/127.0.0.1:35211",
        "billing-pool",
    })
    void textWithoutSecretsIsLeftAlone(String text) {
        assertEquals(text, Redactor.redactText(text));
    }

    @Test
    void secretNamesAreRecognisedWhateverTheirCase() {
        for (String n : new String[] {"password", "PASSWORD", "sslPassword", "pwd", "passwd", "clientSecret",
                                      "accessToken", "credentials", "Credential"}) {
            assertTrue(Redactor.isSecretName(n), n);
        }
        for (String n : new String[] {"user", "username", "url", "host", "poolName", "", null}) {
            assertFalse(Redactor.isSecretName(n), n);
        }
    }

    @Test
    void aSecretNamedFactIsMaskedWholeUnlessSecretsAreShown() {
        assertEquals(Redactor.MASK, Redactor.redact("password", false, "s3cr3t", false));
        assertEquals(Redactor.MASK, Redactor.redact("value", true, "s3cr3t", false));
        assertEquals("s3cr3t", Redactor.redact("password", false, "s3cr3t", true));
        assertEquals("jdbc:x://u:p@h", Redactor.redact("url", false, "jdbc:x://u:p@h", true));
        assertEquals("jdbc:x://u:***@h", Redactor.redact("url", false, "jdbc:x://u:p@h", false));
        assertEquals(null, Redactor.redact("password", false, null, false));
    }
}
